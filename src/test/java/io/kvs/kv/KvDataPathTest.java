package io.kvs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.audit.AuditService;
import io.kvs.auth.StartedKeyAccess;
import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.metrics.KvsMetrics;
import io.kvs.node.NodeIdentity;
import io.kvs.node.NodeMode;
import io.kvs.node.StoreLifecycle;
import io.kvs.request.ClassifiedRequest;
import io.kvs.request.EndpointAccess;
import io.kvs.request.RequestPath;
import io.kvs.storage.Store;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet-level data path on its own: a real store in a temporary directory, the real access rules, and a fake
 * servlet exchange. The Arquillian {@code DataApiIT} drives the same answers over HTTP; this test shows each rule's
 * answer, and that a refused request never reaches the store.
 */
class KvDataPathTest {

    private static final String BASE_CONFIG = "durability: \"async\"\nindex_capacity: 10000\n";
    private static final String AUTH_OFF = "auth_enabled: false\n";

    @TempDir
    Path dir;

    private final List<String> counted = new CopyOnWriteArrayList<>();
    private Store store;
    private KvDataPath dataPath;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aWrittenValueIsReadBackWithItsEntityTag() throws Exception {
        open(AUTH_OFF);
        ServletExchange put = serve("PUT", "kv/app/config", ServletExchange.withJson("{\"data\":{\"port\":8080}}"));

        assertTrue(put.suspended(), "a write is answered when its group commit is durable, not on the request thread");
        assertEquals(200, put.status());
        String tag = put.responseHeader("ETag");
        assertNotNull(tag);
        assertTrue(put.body().startsWith("{\"uuid\":\""), put.body());

        ServletExchange get = serve("GET", "kv/app/config", ServletExchange.withoutBody());
        assertEquals(200, get.status());
        assertEquals(tag, get.responseHeader("ETag"));
        assertEquals("application/json", get.responseHeader("Content-Type"));
        assertTrue(get.body().endsWith(",\"data\":{\"port\":8080}}"), get.body());
        assertEquals(List.of("PUT 200", "GET 200"), counted);
    }

    @Test
    void headAnswersAsGetWithoutTheBody() throws Exception {
        open(AUTH_OFF);
        serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1}"));

        ServletExchange head = serve("HEAD", "kv/a", ServletExchange.withoutBody());

        assertEquals(200, head.status());
        assertNotNull(head.responseHeader("ETag"));
        assertEquals("", head.body());
        assertFalse(head.responseHeader("Content-Length").equals("0"), "the length is the GET body's");
    }

    @Test
    void aMatchingIfNoneMatchIsNotModifiedAndNotCounted() throws Exception {
        open(AUTH_OFF);
        String tag = serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1}")).responseHeader("ETag");

        ServletExchange get = serve("GET", "kv/a", ServletExchange.withoutBody().header("If-None-Match", tag));

        assertEquals(304, get.status());
        assertEquals("", get.body());
        assertEquals(List.of("PUT 200"), counted);
    }

    @Test
    void aMissingKeyIsA404JsonError() throws Exception {
        open(AUTH_OFF);

        ServletExchange get = serve("GET", "kv/nothing/here", ServletExchange.withoutBody());

        assertEquals(404, get.status());
        assertJsonError(get);
        assertTrue(counted.isEmpty());
    }

    @Test
    void anInvalidKeyIsA400BeforeAnythingIsRead() throws Exception {
        open(AUTH_OFF);

        assertEquals(400, serve("GET", "kv/a//b", ServletExchange.withoutBody()).status());
        assertEquals(400, serve("PUT", "kv/a/../b", ServletExchange.withJson("{\"data\":1}")).status());
        assertEquals(400, serve("GET", "kv/", ServletExchange.withoutBody()).status());
    }

    @Test
    void aWriteThatIsNotJsonIsRefusedAndNothingIsStored() throws Exception {
        open(AUTH_OFF);

        ServletExchange plain = serve("PUT", "kv/a",
                ServletExchange.withJson("{\"data\":1}").header("Content-Type", "text/plain"));
        ServletExchange badParameter = serve("PUT", "kv/a",
                ServletExchange.withJson("{\"data\":1}").header("Content-Type", "application/json; charset"));
        ServletExchange badBody = serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":"));
        ServletExchange empty = serve("PUT", "kv/a", ServletExchange.withJson(""));

        assertEquals(415, plain.status());
        assertEquals(400, badParameter.status());
        assertEquals(400, badBody.status());
        assertEquals(400, empty.status());
        List.of(plain, badParameter, badBody, empty).forEach(KvDataPathTest::assertJsonError);
        assertTrue(store.get("a").isEmpty());
    }

    @Test
    void aBodyOverTheLimitIsA413() throws Exception {
        open(AUTH_OFF + "max_json_size: 16\n");

        ServletExchange put = serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":\"0123456789abcdef\"}"));

        assertEquals(413, put.status());
        assertJsonError(put);
        assertTrue(store.get("a").isEmpty());
    }

    @Test
    void anUnreadableTtlIsA400() throws Exception {
        open(AUTH_OFF);

        ServletExchange put = serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1,\"ttl\":\"soon\"}"));

        assertEquals(400, put.status());
        assertTrue(put.body().contains("ttl"), put.body());
    }

    @Test
    void aStaleIfMatchIsA412AndKeepsTheValue() throws Exception {
        open(AUTH_OFF);
        serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1}"));

        ServletExchange put = serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":2}")
                .header("If-Match", "\"" + UUID.randomUUID() + "\""));

        assertEquals(412, put.status());
        assertJsonError(put);
        assertEquals("1", new String(store.get("a").orElseThrow().data()));
    }

    @Test
    void deleteAnswers204AndTheKeyIsGone() throws Exception {
        open(AUTH_OFF);
        serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1}"));

        ServletExchange delete = serve("DELETE", "kv/a", ServletExchange.withoutBody());

        assertEquals(204, delete.status());
        assertEquals(404, serve("GET", "kv/a", ServletExchange.withoutBody()).status());
        assertEquals(404, serve("DELETE", "kv/a", ServletExchange.withoutBody()).status());
    }

    @Test
    void historyIsAnsweredOnlyWhenEnabledAndAskedForPlainly() throws Exception {
        open(AUTH_OFF + "revision_history_enabled: true\n");
        serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1}"));
        serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":2}"));

        ServletExchange history = serve("GET", "kv/a", ServletExchange.withoutBody().parameter("history", "true"));
        ServletExchange unclear = serve("GET", "kv/a", ServletExchange.withoutBody().parameter("history", "yes"));

        assertEquals(200, history.status());
        assertTrue(history.body().startsWith("{\"key\":\"a\",\"revisions\":["), history.body());
        assertTrue(history.body().indexOf("\"data\":2") < history.body().indexOf("\"data\":1"), "newest first");
        assertEquals(400, unclear.status());
    }

    @Test
    void historyIsRefusedWhereItIsDisabled() throws Exception {
        open(AUTH_OFF + "revision_history_enabled: false\n");
        serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1}"));

        ServletExchange history = serve("GET", "kv/a", ServletExchange.withoutBody().parameter("history", "true"));

        assertEquals(400, history.status());
        assertTrue(history.body().contains("revision_history_enabled"), history.body());
    }

    @Test
    void aReadOnlyNodeRefusesWritesWith403() throws Exception {
        open(AUTH_OFF + "read_only: true\n");

        ServletExchange put = serve("PUT", "kv/a", ServletExchange.withJson("{\"data\":1}"));
        ServletExchange delete = serve("DELETE", "kv/a", ServletExchange.withoutBody());

        assertEquals(403, put.status());
        assertEquals(403, delete.status());
        assertFalse(put.suspended());
        assertTrue(store.get("a").isEmpty());
    }

    @Test
    void otherMethodsAre405WithAllowAndOptionsListsThem() throws Exception {
        open(AUTH_OFF);

        ServletExchange post = serve("POST", "kv/a", ServletExchange.withJson("{\"data\":1}"));
        ServletExchange options = serve("OPTIONS", "kv/a", ServletExchange.withoutBody());

        assertEquals(405, post.status());
        assertJsonError(post);
        assertEquals("GET, HEAD, PUT, DELETE, OPTIONS", post.responseHeader("Allow"));
        assertEquals(204, options.status());
        assertEquals(post.responseHeader("Allow"), options.responseHeader("Allow"));
    }

    @Test
    void withAuthOnAKeyTheCallerMayNotReadLooksAbsent() throws Exception {
        open("auth_enabled: true\ndefault_permissions: \"0xF00\"\n");
        Caller owner = caller(Scope.READ, Scope.WRITE);
        Caller stranger = caller(Scope.READ, Scope.WRITE);
        assertEquals(200, serve("PUT", "kv/private", owner, ServletExchange.withJson("{\"data\":\"mine\"}")).status());

        ServletExchange read = serve("GET", "kv/private", stranger, ServletExchange.withoutBody());
        ServletExchange overwrite = serve("PUT", "kv/private", stranger, ServletExchange.withJson("{\"data\":0}"));

        assertEquals(404, read.status());
        assertFalse(read.body().contains("mine"), read.body());
        assertEquals(403, overwrite.status());
        assertEquals("\"mine\"", new String(store.get("private").orElseThrow().data()));
        assertEquals(200, serve("GET", "kv/private", owner, ServletExchange.withoutBody()).status());
    }

    @Test
    void itServesSingleKeysAndLeavesTheOtherKvEndpointsToJaxRs() {
        assertTrue(KvDataPath.serves("kv/a"));
        assertTrue(KvDataPath.serves("kv/app/_range/x"));
        assertTrue(KvDataPath.serves("kv/"), "to answer it 400: the key is missing");
        assertFalse(KvDataPath.serves("kv"));
        assertFalse(KvDataPath.serves("kv/_range"));
        assertFalse(KvDataPath.serves("kv/_watch"));
        assertFalse(KvDataPath.serves("meta/a"));
    }

    private void open(String yaml) throws Exception {
        KvsConfig config = ConfigLoader.parse("node_id: \"node-a\"\ndata_dir: \"" + dir + "\"\n" + BASE_CONFIG + yaml);
        store = Store.open(StoreLifecycle.settings(config, new NodeIdentity("node-a", 1_000L)), Thread::new);
        // tamper logging is off in these configurations, so the audit service never opens a log or starts a thread
        AuditService audit = new AuditService(config, null);
        dataPath = new KvDataPath(store, new NodeMode(config), config, StartedKeyAccess.over(store, config), audit,
                new CountingMetrics());
    }

    private ServletExchange serve(String method, String rawPath, ServletExchange exchange) throws Exception {
        return serve(method, rawPath, null, exchange);
    }

    private ServletExchange serve(String method, String rawPath, Caller caller, ServletExchange exchange)
            throws Exception {
        RequestPath path = RequestPath.of(rawPath);
        ClassifiedRequest classified = new ClassifiedRequest(method, path, EndpointAccess.of(method, path),
                "127.0.0.1", caller);
        dataPath.serve(classified, rawPath, exchange.request(), exchange.response());
        return exchange.awaitAnswer();
    }

    private static Caller caller(Scope... scopes) {
        return new Caller(UUID.randomUUID(), List.of(), EnumSet.copyOf(List.of(scopes)));
    }

    private static void assertJsonError(ServletExchange exchange) {
        assertEquals("application/json", exchange.responseHeader("Content-Type"));
        assertTrue(exchange.body().startsWith("{\"error\":"), exchange.body());
    }

    /** Records what the data path counts, instead of registering MicroProfile metrics. */
    private final class CountingMetrics extends KvsMetrics {
        @Override
        public void countDataRequest(String method, int status) {
            counted.add(method + " " + status);
        }
    }
}
