package io.kvs.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import io.kvs.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchHubTest {

    private static final Pattern EVENT = Pattern.compile("id: (\\d+)\nevent: (\\w+)\ndata: (.*)\n\n");
    private static final Predicate<String> EVERY_KEY = key -> true;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final AtomicInteger droppedReported = new AtomicInteger();
    private Store store;
    private WatchHub hub;

    @BeforeEach
    void open() throws Exception {
        store = Store.open(new StoreSettings(dir, false, false, 3, 1, 100_000, 1 << 20, 0.5, 3_600_000, "node-a",
                1_000, clock::get), Thread::new);
        hub = new WatchHub(store, Thread::new, Duration.ofMillis(200), System::nanoTime,
                droppedReported::incrementAndGet);
    }

    @AfterEach
    void close() {
        hub.close();
        store.close();
    }

    @Test
    void changesArriveInApplyOrderAsEventsNumberedByTheFeed() throws Exception {
        RecordingSink sink = watch(Map.of("prefix", "app/"));
        put("app/a", "{\"n\":1}");
        put("other/b", "2");
        put("app/c", "\"three\"");
        store.delete("app/a", Precondition.NONE).join();

        List<Event> events = sink.awaitEvents(3);

        assertTrue(sink.text().startsWith(": watching\n\n"), sink.text());
        assertEquals(List.of("put", "put", "delete"), events.stream().map(Event::type).toList());
        assertTrue(events.get(0).data().startsWith("{\"key\":\"app/a\",\"uuid\":\""), events.get(0).data());
        assertTrue(events.get(0).data().endsWith(",\"data\":{\"n\":1}}"), events.get(0).data());
        assertTrue(events.get(1).data().endsWith(",\"data\":\"three\"}"), events.get(1).data());
        assertFalse(events.get(2).data().contains("\"data\""), "a delete carries no data");
        assertTrue(events.get(0).id() < events.get(1).id() && events.get(1).id() < events.get(2).id());
    }

    @Test
    void aResumeReplaysEverythingAfterItsPointOnce() throws Exception {
        RecordingSink first = watch(Map.of());
        for (int i = 0; i < 5; i++) {
            put("k/" + i, Integer.toString(i));
        }
        List<Event> seen = first.awaitEvents(5);

        RecordingSink resumed = watch(Map.of("since", Long.toString(seen.get(1).id())));
        put("k/5", "5");

        List<Event> replayed = resumed.awaitEvents(4);
        assertEquals(List.of(seen.get(2).id(), seen.get(3).id(), seen.get(4).id()),
                replayed.subList(0, 3).stream().map(Event::id).toList());
        assertTrue(replayed.get(3).data().contains("\"k/5\""));
        assertEquals(4, resumed.events().size(), "nothing twice");
    }

    @Test
    void aKeyWatchAndTheReadRuleFilterEveryEvent() throws Exception {
        RecordingSink oneKey = watch(Map.of("key", "a/b"));
        RecordingSink mayReadPublic = open(Map.of(), key -> key.startsWith("public/"));
        put("a/b/c", "1");
        put("a/b", "2");
        put("secret/x", "3");
        put("public/y", "4");
        store.put("_meta/a/b", "{}".getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE).join();

        assertEquals(List.of("put"), oneKey.awaitEvents(1).stream().map(Event::type).toList());
        assertTrue(oneKey.events().get(0).data().contains("\"a/b\""));
        List<Event> visible = mayReadPublic.awaitEvents(1);
        assertTrue(visible.get(0).data().contains("\"public/y\""));
        put("public/z", "5");
        assertEquals(2, mayReadPublic.awaitEvents(2).size(), "reserved and unreadable keys are never sent");
    }

    @Test
    void aResumePointFromTheFutureStartsWithAReset() throws Exception {
        put("a", "1");
        long newest = store.lastChange();

        RecordingSink sink = watch(Map.of("since", Long.toString(newest + 1_000)));
        // the reset moves the cursor to the newest change when it is sent: b must come after it to be sent too
        assertEquals("reset", sink.awaitEvents(1).get(0).type());
        put("b", "2");

        List<Event> events = sink.awaitEvents(2);
        assertEquals("reset", events.get(0).type());
        assertEquals("{\"oldest\":0}", events.get(0).data());
        assertEquals(newest, events.get(0).id(), "a reconnect resumes after the newest change");
        assertTrue(events.get(1).data().contains("\"b\""));
    }

    @Test
    void anExpiryIsADeleteWithItsReason() throws Exception {
        RecordingSink sink = watch(Map.of());
        store.put("session", "1".getBytes(StandardCharsets.UTF_8), clock.get() + 1_000, Precondition.NONE).join();
        clock.addAndGet(5_000);
        store.reapExpired(clock.get());

        List<Event> events = sink.awaitEvents(2);
        assertEquals("delete", events.get(1).type());
        assertTrue(events.get(1).data().endsWith(",\"reason\":\"expired\"}"), events.get(1).data());
    }

    @Test
    void aQuietStreamGetsKeepAlivesCarryingItsPlace() throws Exception {
        RecordingSink sink = watch(Map.of("prefix", "quiet/"));
        put("busy/1", "1");
        long place = store.lastChange();

        await(() -> sink.text().contains(": keep-alive\nid: " + place + "\n\n"), "a keep-alive with the place");
    }

    /** An open watch outlived its token's expiry or revocation: it went on sending events. */
    @Test
    void aWatchEndsOnceItsCredentialsNoLongerHold() throws Exception {
        AtomicBoolean tokenValid = new AtomicBoolean(true);
        RecordingSink revoked = open(Map.of(), EVERY_KEY, tokenValid::get);
        RecordingSink other = watch(Map.of());
        put("before", "1");
        revoked.awaitEvents(1);
        tokenValid.set(false);

        await(() -> revoked.closed, "the watch whose token was revoked is ended");
        put("after", "1");
        assertEquals(2, other.awaitEvents(2).size());
        assertEquals(1, revoked.events().size(), "nothing after the revocation");
        assertFalse(other.closed);
    }

    @Test
    void aWatcherThatStopsReadingIsDroppedOnceItFallsBehindWhatMemoryHolds() throws Exception {
        RecordingSink stalled = watch(Map.of());
        RecordingSink reading = watch(Map.of("prefix", "last"));
        put("first", "1");
        stalled.awaitEvents(1);
        stalled.ready = false;

        List<CompletableFuture<StoredValue>> writes = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            writes.add(store.put("bulk/" + i, ("{\"pad\":\"" + "x".repeat(2_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE));
        }
        writes.forEach(CompletableFuture::join);
        put("last", "1");
        stalled.ready = true;
        stalled.watch.writable();

        await(() -> stalled.closed, "the stalled watcher is disconnected");
        assertEquals(1, hub.dropped());
        assertEquals(1, droppedReported.get());
        assertEquals(1, reading.awaitEvents(1).size(), "a watcher that keeps reading stays");
        assertFalse(reading.closed);
    }

    private void put(String key, String json) {
        store.put(key, json.getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE).join();
    }

    private RecordingSink watch(Map<String, String> parameters) {
        return open(parameters, EVERY_KEY);
    }

    private RecordingSink open(Map<String, String> parameters, Predicate<String> readable) {
        return open(parameters, readable, () -> true);
    }

    private RecordingSink open(Map<String, String> parameters, Predicate<String> readable, BooleanSupplier admitted) {
        RecordingSink sink = new RecordingSink();
        sink.watch = hub.open(WatchQuery.parse(parameters::get, null), readable, admitted, sink);
        sink.watch.writable();
        return sink;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    private record Event(long id, String type, String data) {
    }

    /** A client reading the stream as fast as it comes, or not at all while {@code ready} is false. */
    private static final class RecordingSink implements EventSink {
        private final StringBuffer received = new StringBuffer();
        volatile boolean ready = true;
        volatile boolean closed;
        Watch watch;

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public void write(byte[] bytes) {
            received.append(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return received.toString();
        }

        List<Event> events() {
            List<Event> events = new ArrayList<>();
            Matcher matcher = EVENT.matcher(text());
            while (matcher.find()) {
                events.add(new Event(Long.parseLong(matcher.group(1)), matcher.group(2), matcher.group(3)));
            }
            return events;
        }

        List<Event> awaitEvents(int count) throws InterruptedException {
            await(() -> events().size() >= count, count + " events, got: " + text());
            return events();
        }
    }
}
