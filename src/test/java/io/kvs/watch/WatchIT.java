package io.kvs.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.testing.Api;
import io.kvs.testing.EventStream;
import io.kvs.testing.EventStream.Event;
import io.kvs.testing.KvsDeployment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §7 {@code GET /kv/_watch} over HTTP: events, resume, reset, the 400s, and many watchers at once. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WatchIT {

    @ArquillianResource
    private URL deployment;

    private Api api;
    private String prefix;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KvsDeployment.war("normal", Map.of());
    }

    @BeforeEach
    void connect() {
        api = new Api(deployment);
        prefix = "w" + System.nanoTime() + "/";
    }

    private static JsonObject json(Event event) {
        return Json.createReader(new StringReader(event.data())).readObject();
    }

    @Test
    void aWatchSeesEachChangeUnderItsPrefixInOrder() throws Exception {
        try (EventStream stream = api.stream("/kv/_watch?prefix=" + prefix)) {
            stream.assertEventStream();
            api.putJson("/kv/" + prefix + "a", "{\"n\":1}").assertStatus(200);
            api.putJson("/kv/elsewhere" + prefix + "b", "2").assertStatus(200);
            String uuid = api.putJson("/kv/" + prefix + "c", "{\"data\":[1,2],\"ttl\":\"1h\"}").json()
                    .getString("uuid");
            api.delete("/kv/" + prefix + "a").assertStatus(204);

            List<Event> events = stream.next(3);

            assertEquals(List.of("put", "put", "delete"), events.stream().map(Event::type).toList());
            JsonObject first = json(events.get(0));
            assertEquals(prefix + "a", first.getString("key"));
            assertEquals(1, first.getJsonObject("data").getInt("n"));
            assertTrue(first.getJsonNumber("timestamp").longValue() > 0);
            assertEquals(uuid, json(events.get(1)).getString("uuid"));
            assertEquals("[1,2]", json(events.get(1)).get("data").toString());
            assertTrue(!json(events.get(2)).containsKey("data"), "a delete carries no data");
            assertTrue(Long.parseLong(events.get(0).id()) < Long.parseLong(events.get(1).id()));
            assertTrue(Long.parseLong(events.get(1).id()) < Long.parseLong(events.get(2).id()));
            stream.assertQuietFor(300);
        }
    }

    @Test
    void aKeyWatchSeesOnlyThatKey() throws Exception {
        try (EventStream stream = api.stream("/kv/_watch?key=" + prefix + "one")) {
            api.putJson("/kv/" + prefix + "one/two", "1").assertStatus(200);
            api.putJson("/kv/" + prefix + "one", "2").assertStatus(200);

            assertEquals(prefix + "one", json(stream.next()).getString("key"));
            stream.assertQuietFor(300);
        }
    }

    @Test
    void aResumeWithLastEventIdOrSinceReplaysWhatFollowedOnce() throws Exception {
        List<Event> seen;
        try (EventStream stream = api.stream("/kv/_watch?prefix=" + prefix)) {
            for (int i = 0; i < 4; i++) {
                api.putJson("/kv/" + prefix + i, Integer.toString(i)).assertStatus(200);
            }
            seen = stream.next(4);
        }
        String after = seen.get(1).id();
        try (EventStream byHeader = api.stream("/kv/_watch?prefix=" + prefix + "&since=0", "Last-Event-ID", after);
             EventStream byQuery = api.stream("/kv/_watch?prefix=" + prefix + "&since=" + after)) {
            List<String> expected = List.of(seen.get(2).id(), seen.get(3).id());
            assertEquals(expected, byHeader.next(2).stream().map(Event::id).toList(), "Last-Event-ID wins");
            assertEquals(expected, byQuery.next(2).stream().map(Event::id).toList());
            api.putJson("/kv/" + prefix + "live", "5").assertStatus(200);
            assertEquals(prefix + "live", json(byHeader.next()).getString("key"), "then live, nothing twice");
            assertEquals(prefix + "live", json(byQuery.next()).getString("key"));
        }
    }

    @Test
    void aResumePointThisNodeNeverGaveOutStartsWithAReset() throws Exception {
        try (EventStream stream = api.stream("/kv/_watch?prefix=" + prefix + "&since=999999999999999999")) {
            Event reset = stream.next();
            assertEquals("reset", reset.type());
            assertNotNull(json(reset).getJsonNumber("oldest"));
            assertNotNull(reset.id(), "the point the stream goes on from");
            api.putJson("/kv/" + prefix + "after", "1").assertStatus(200);
            assertEquals("put", stream.next().type());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prefix=a//", "prefix=_auth/", "key=a/", "key=_meta/x", "key=", "since=-1",
        "since=soon", "prefix=a/&key=a/b"})
    void aBadQueryIsA400JsonErrorBeforeAnyStream(String query) {
        api.get("/kv/_watch?" + query).assertError(400);
    }

    @Test
    void aBadLastEventIdIsA400AndOnlyGetWatches() {
        api.get("/kv/_watch", "Last-Event-ID", "yesterday").assertError(400);
        api.send("POST", "/kv/_watch", BodyPublishers.noBody()).assertError(405);
        api.delete("/kv/_watch").assertError(405);
    }

    /**
     * SPEC §7: an open watch holds no worker thread. 1,000 watches open at once (Payara's HTTP pool has far fewer
     * threads) leave reads answering, and each of them sees the next change.
     */
    @Test
    void aThousandOpenWatchesHoldNoThreadAndAllSeeTheNextChange() throws Exception {
        int watchers = 1_000;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch opened = new CountDownLatch(watchers);
        CountDownLatch sawIt = new CountDownLatch(watchers);
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        URI watch = URI.create(deployment.toString() + "kv/_watch?key=" + prefix + "signal");
        for (int i = 0; i < watchers; i++) {
            streams.add(client.sendAsync(HttpRequest.newBuilder(watch).build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new LineCounter(opened, sawIt))));
        }
        try {
            assertTrue(opened.await(60, TimeUnit.SECONDS), "all watches open: " + opened.getCount() + " left");
            api.putJson("/kv/" + prefix + "probe", "1").assertStatus(200);
            api.get("/kv/" + prefix + "probe").assertStatus(200);
            api.putJson("/kv/" + prefix + "signal", "\"go\"").assertStatus(200);
            assertTrue(sawIt.await(60, TimeUnit.SECONDS), sawIt.getCount() + " watchers did not see the change");
        } finally {
            streams.forEach(stream -> stream.cancel(true));
        }
    }

    /** Counts a watch as open at its first line and as done at its first put event, on the client's own threads. */
    private record LineCounter(CountDownLatch opened, CountDownLatch sawIt) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith(": watching")) {
                opened.countDown();
            } else if (line.equals("event: put")) {
                sawIt.countDown();
            }
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }
}
