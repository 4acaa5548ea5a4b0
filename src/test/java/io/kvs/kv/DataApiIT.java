package io.kvs.kv;

import io.kvs.testing.Api;
import io.kvs.testing.KvsDeployment;
import io.kvs.testing.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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

import java.net.URL;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC §1–2 on a writable node: every status, header and body shape of the data API. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataApiIT {

    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @ArquillianResource
    private URL deployment;

    private Api api;
    /** Every test writes under its own fresh prefix: the tests share one store. */
    private String prefix;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KvsDeployment.war("normal", Map.of());
    }

    @BeforeEach
    void setUp() {
        api = new Api(deployment);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    private String kv(String key) {
        return "/kv/" + prefix + key;
    }

    private Reply put(String key, String json, String... headers) {
        return api.putJson(kv(key), json, headers).assertStatus(200);
    }

    // --- PUT ---

    @Test
    void putAnswersNewVersionUuidTimestampAndEtag() {
        long before = System.currentTimeMillis();
        Reply reply = put("a", "{\"name\":\"John\"}").assertJson();
        JsonObject body = reply.json();
        assertEquals(2, body.size());
        assertTrue(UUID_V4.matcher(body.getString("uuid")).matches(), body.getString("uuid"));
        long timestamp = body.getJsonNumber("timestamp").longValue();
        assertTrue(timestamp >= before - 1000 && timestamp <= System.currentTimeMillis() + 1000, "timestamp " + timestamp);
        assertEquals("\"" + body.getString("uuid") + "\"", reply.header("ETag"));
    }

    @Test
    void getReturnsTheStoredJsonExactlyAsWritten() {
        String json = "{ \"b\" : 1.50,\n  \"a\": [true, null, \"caf\u00e9 \\u00e9\"] }";
        Reply written = put("doc", json);
        Reply read = api.get(kv("doc")).assertStatus(200).assertJson();
        String uuid = written.json().getString("uuid");
        long timestamp = written.json().getJsonNumber("timestamp").longValue();
        assertEquals("{\"uuid\":\"" + uuid + "\",\"timestamp\":" + timestamp + ",\"data\":" + json + "}", read.text());
        assertEquals(written.header("ETag"), read.header("ETag"));
    }

    @Test
    void anyJsonValueCanBeStored() {
        for (String json : List.of("42", "-1.5e3", "\"text\"", "true", "null", "[1,{\"x\":[]}]", "{}")) {
            put("v", json);
            String text = api.get(kv("v")).text();
            assertTrue(text.endsWith(",\"data\":" + json + "}"), text);
        }
    }

    @Test
    void envelopeStoresOnlyItsDataByteForByte() {
        put("env", "{\"data\":  {\"user_id\" : \"john\",\"n\":[1, 2.50]}, \"ttl\": \"1h\"}");
        String text = api.get(kv("env")).text();
        assertTrue(text.endsWith(",\"data\":{\"user_id\" : \"john\",\"n\":[1, 2.50]}}"), text);
    }

    @Test
    void objectWithMembersBesidesDataAndTtlIsStoredWhole() {
        put("whole", "{\"data\":1,\"ttl\":\"1h\",\"extra\":true}");
        JsonObject data = api.get(kv("whole")).json().getJsonObject("data");
        assertEquals(3, data.size());
        assertEquals("1h", data.getString("ttl"));
    }

    @Test
    void ttlExpiresTheValueWhileZeroTtlKeepsIt() throws InterruptedException {
        put("short", "{\"data\":\"gone soon\",\"ttl\":\"1s\"}");
        put("forever", "{\"data\":\"stays\",\"ttl\":\"0\"}");
        assertEquals(200, api.get(kv("short")).status());
        Thread.sleep(2_200);
        api.get(kv("short")).assertError(404);
        assertEquals("stays", api.get(kv("forever")).json().getString("data"));
    }

    @Test
    void overwriteCreatesANewerVersion() {
        JsonObject first = put("o", "1").json();
        JsonObject second = put("o", "2").json();
        assertNotEquals(first.getString("uuid"), second.getString("uuid"));
        assertTrue(second.getJsonNumber("timestamp").longValue() > first.getJsonNumber("timestamp").longValue());
        assertEquals(2, api.get(kv("o")).json().getInt("data"));
    }

    @Test
    void contentTypeParametersSuchAsCharsetAreAccepted() {
        api.send("PUT", kv("cs"), BodyPublishers.ofString("{}"), "Content-Type", "application/json; charset=utf-8")
                .assertStatus(200);
    }

    @Test
    void bodyOfExactlyMaxJsonSizeIsAccepted() {
        String json = "\"" + "x".repeat(Api.MAX_JSON_SIZE - 2) + "\"";
        put("max", json);
        assertEquals(Api.MAX_JSON_SIZE - 2, api.get(kv("max")).json().getString("data").length());
    }

    @Test
    void bodyOneByteOverMaxJsonSizeIs413() {
        api.putJson(kv("over"), "\"" + "x".repeat(Api.MAX_JSON_SIZE - 1) + "\"").assertError(413);
        api.get(kv("over")).assertError(404);
    }

    @Test
    void percentEncodedKeysAreStoredDecoded() {
        put("caf%C3%A9/a%20b", "1");
        JsonArray items = api.get("/kv/_range?prefix=" + prefix).json().getJsonArray("items");
        assertEquals(prefix + "caf\u00e9/a b", items.getJsonObject(0).getString("key"));
    }

    @Test
    void keysAreCaseSensitive() {
        put("Case", "1");
        put("case", "2");
        assertEquals(1, api.get(kv("Case")).json().getInt("data"));
        assertEquals(2, api.get(kv("case")).json().getInt("data"));
    }

    @Test
    void keyOf1024BytesIsAccepted() {
        String key = "k".repeat(1024 - prefix.length());
        put(key, "1");
        assertEquals(200, api.get(kv(key)).status());
    }

    // --- conditional writes ---

    @Test
    void ifMatchWithTheLiveVersionWrites() {
        String tag = put("c", "1").header("ETag");
        put("c", "2", "If-Match", tag);
        assertEquals(2, api.get(kv("c")).json().getInt("data"));
    }

    @Test
    void ifMatchWithAnOlderVersionIs412AndWritesNothing() {
        String old = put("c", "1").header("ETag");
        put("c", "2");
        api.putJson(kv("c"), "3", "If-Match", old).assertError(412);
        assertEquals(2, api.get(kv("c")).json().getInt("data"));
    }

    @Test
    void ifMatchOnAnAbsentKeyIs412() {
        api.putJson(kv("none"), "1", "If-Match", "\"" + UUID.randomUUID() + "\"").assertError(412);
    }

    @Test
    void ifNoneMatchStarCreatesAnAbsentKey() {
        put("new", "1", "If-None-Match", "*");
        assertEquals(1, api.get(kv("new")).json().getInt("data"));
    }

    @Test
    void ifNoneMatchStarOnALiveKeyIs412() {
        put("live", "1");
        api.putJson(kv("live"), "2", "If-None-Match", "*").assertError(412);
        assertEquals(1, api.get(kv("live")).json().getInt("data"));
    }

    @Test
    void ifNoneMatchStarRecreatesADeletedKey() {
        put("again", "1");
        api.delete(kv("again")).assertStatus(204);
        put("again", "2", "If-None-Match", "*");
    }

    // --- GET ---

    @Test
    void getOfAnAbsentKeyIs404() {
        api.get(kv("never-written")).assertError(404);
    }

    @Test
    void ifNoneMatchWithTheLiveVersionIs304WithEtag() {
        String tag = put("cached", "{\"a\":1}").header("ETag");
        Reply reply = api.get(kv("cached"), "If-None-Match", tag).assertStatus(304);
        assertEquals(tag, reply.header("ETag"));
        assertEquals(0, reply.body().length);
    }

    @Test
    void ifNoneMatchWithAnOlderVersionReturnsTheValue() {
        String old = put("cached", "1").header("ETag");
        String live = put("cached", "2").header("ETag");
        Reply reply = api.get(kv("cached"), "If-None-Match", old).assertStatus(200);
        assertEquals(live, reply.header("ETag"));
    }

    @Test
    void historyListsRevisionsNewestFirstUpToRevisionLimit() {
        List<String> uuids = new ArrayList<>();
        for (int i = 1; i <= Api.REVISION_LIMIT + 2; i++) {
            uuids.add(0, put("h", Integer.toString(i)).json().getString("uuid"));
        }
        Reply reply = api.get(kv("h") + "?history=true").assertStatus(200).assertJson();
        JsonObject body = reply.json();
        assertEquals(prefix + "h", body.getString("key"));
        JsonArray revisions = body.getJsonArray("revisions");
        assertEquals(Api.REVISION_LIMIT, revisions.size());
        for (int i = 0; i < revisions.size(); i++) {
            JsonObject revision = revisions.getJsonObject(i);
            assertEquals(uuids.get(i), revision.getString("uuid"));
            assertEquals(Api.REVISION_LIMIT + 2 - i, revision.getInt("data"));
            assertTrue(revision.containsKey("timestamp"));
        }
    }

    @Test
    void historyOfAnAbsentOrDeletedKeyIs404() {
        api.get(kv("nothing") + "?history=true").assertError(404);
        put("deleted", "1");
        api.delete(kv("deleted")).assertStatus(204);
        api.get(kv("deleted") + "?history=true").assertError(404);
    }

    @Test
    void historyOfARecreatedKeyStartsAtItsRecreation() {
        put("recreated", "1");
        api.delete(kv("recreated")).assertStatus(204);
        put("recreated", "2");
        JsonArray revisions = api.get(kv("recreated") + "?history=true").assertStatus(200).assertJson()
                .json().getJsonArray("revisions");
        assertEquals(1, revisions.size(), "a delete ends a key's history: " + revisions);
        assertEquals(2, revisions.getJsonObject(0).getInt("data"));
    }

    @Test
    void historyFalseIsAPlainRead() {
        put("plain", "7");
        assertEquals(7, api.get(kv("plain") + "?history=false").json().getInt("data"));
    }

    // --- DELETE ---

    @Test
    void deleteAnswers204AndTheKeyReadsAsAbsent() {
        put("d", "1");
        Reply reply = api.delete(kv("d")).assertStatus(204);
        assertEquals(0, reply.body().length);
        api.get(kv("d")).assertError(404);
    }

    @Test
    void deleteOfAnAbsentKeyIs404() {
        api.delete(kv("absent")).assertError(404);
    }

    @Test
    void deleteTwiceIs404TheSecondTime() {
        put("twice", "1");
        api.delete(kv("twice")).assertStatus(204);
        api.delete(kv("twice")).assertError(404);
    }

    @Test
    void deleteWithTheLiveVersionInIfMatchDeletes() {
        String tag = put("dm", "1").header("ETag");
        api.delete(kv("dm"), "If-Match", tag).assertStatus(204);
    }

    @Test
    void deleteWithAnOlderVersionInIfMatchIs412AndKeepsTheValue() {
        String old = put("dm", "1").header("ETag");
        put("dm", "2");
        api.delete(kv("dm"), "If-Match", old).assertError(412);
        assertEquals(2, api.get(kv("dm")).json().getInt("data"));
    }

    // --- _range ---

    private JsonObject range(String query) {
        return api.get("/kv/_range?" + query).assertStatus(200).assertJson().json();
    }

    private static List<String> keys(JsonObject page) {
        return page.getJsonArray("items").stream().map(item -> item.asJsonObject().getString("key")).toList();
    }

    @Test
    void rangeListsKeysInUtf8ByteOrder() {
        // UTF-16 order would put U+1F600 before U+E000; UTF-8 byte order puts it after.
        for (String key : List.of("b", "%F0%9F%98%80", "a", "%EE%80%80", "B")) {
            put(key, "1");
        }
        assertEquals(List.of(prefix + "B", prefix + "a", prefix + "b", prefix + "\uE000", prefix + "\uD83D\uDE00"),
                keys(range("prefix=" + prefix)));
    }

    @Test
    void rangeItemsHaveKeyUuidTimestampAndNoDataByDefault() {
        JsonObject written = put("i", "{\"x\":1}").json();
        JsonObject page = range("prefix=" + prefix);
        JsonObject item = page.getJsonArray("items").getJsonObject(0);
        assertEquals(prefix + "i", item.getString("key"));
        assertEquals(written.getString("uuid"), item.getString("uuid"));
        assertEquals(written.getJsonNumber("timestamp"), item.getJsonNumber("timestamp"));
        assertFalse(item.containsKey("data"));
        assertTrue(page.isNull("next_start_key"));
    }

    @Test
    void rangeIncludeValuesAddsTheData() {
        put("i", "{\"x\": 1}");
        JsonObject item = range("include_values=true&prefix=" + prefix).getJsonArray("items").getJsonObject(0);
        assertEquals(1, item.getJsonObject("data").getInt("x"));
    }

    @Test
    void rangeStartKeyIsInclusiveAndEndKeyExclusive() {
        for (String key : List.of("a", "b", "c", "d")) {
            put(key, "1");
        }
        assertEquals(List.of(prefix + "b", prefix + "c"),
                keys(range("start_key=" + prefix + "b&end_key=" + prefix + "d")));
    }

    @Test
    void rangePagesFollowNextStartKeyToTheEnd() {
        List<String> written = List.of("k1", "k2", "k3", "k4", "k5");
        written.forEach(key -> put(key, "1"));
        List<String> listed = new ArrayList<>();
        JsonObject page = range("limit=2&prefix=" + prefix);
        int pages = 1;
        while (!page.isNull("next_start_key")) {
            assertEquals(2, page.getJsonArray("items").size());
            listed.addAll(keys(page));
            page = range("limit=2&prefix=" + prefix + "&start_key=" + page.getString("next_start_key"));
            pages++;
        }
        listed.addAll(keys(page));
        assertEquals(written.stream().map(key -> prefix + key).toList(), listed);
        assertEquals(3, pages);
    }

    @Test
    void rangeDefaultLimitIs100() {
        for (int i = 0; i < 101; i++) {
            put(String.format("n%03d", i), "1");
        }
        JsonObject page = range("prefix=" + prefix);
        assertEquals(100, page.getJsonArray("items").size());
        assertEquals(prefix + "n100", page.getString("next_start_key"));
    }

    @Test
    void rangeSkipsDeletedKeys() {
        put("keep", "1");
        put("drop", "1");
        api.delete(kv("drop")).assertStatus(204);
        assertEquals(List.of(prefix + "keep"), keys(range("prefix=" + prefix)));
    }

    @Test
    void rangeOfAnEmptyIntervalIsEmpty() {
        JsonObject page = range("prefix=" + prefix + "nothing-here");
        assertEquals(0, page.getJsonArray("items").size());
        assertTrue(page.isNull("next_start_key"));
    }

    // --- node endpoints on a writable node ---

    @Test
    void healthReportsOkNormalModeOneMemberAndNodeId() {
        JsonObject health = api.get("/health").assertStatus(200).assertJson().json();
        assertEquals("ok", health.getString("status"));
        assertEquals("normal", health.getString("mode"));
        assertEquals(1, health.getInt("member_count"));
        assertEquals("it-normal", health.getString("node_id"));
    }

    @Test
    void theProbesAnswerReadyAndLiveOnANormalNode() {
        JsonObject ready = api.get("/health/ready").assertStatus(200).assertJson().json();
        assertEquals("ready", ready.getString("status"));
        assertEquals("normal", ready.getString("mode"));
        assertFalse(ready.containsKey("error"), ready::toString);
        assertEquals("live", api.get("/health/live").assertStatus(200).assertJson().json().getString("status"));
        api.send("POST", "/health/ready", BodyPublishers.ofString("{}"),
                "Content-Type", "application/json").assertError(405);
        api.get("/health/nope").assertError(404);
    }

    @Test
    void membersListsThisNodeAlone() {
        JsonArray members = api.get("/members/").assertStatus(200).assertJson().jsonArray();
        assertEquals(1, members.size());
        JsonObject self = members.getJsonObject(0);
        assertEquals("it-normal", self.getString("id"));
        assertEquals("127.0.0.1:18250", self.getString("address"));
        assertEquals("alive", self.getString("status"));
        assertTrue(self.getJsonNumber("joined_timestamp").longValue() > 0);
        assertTrue(self.getJsonNumber("last_seen").longValue() >= self.getJsonNumber("joined_timestamp").longValue());
    }

    @Test
    void membersAnswersWithoutTheTrailingSlashToo() {
        assertEquals(1, api.get("/members").assertStatus(200).jsonArray().size());
    }

    /** A standalone node without a secret used to take unsigned pushes, past read-only mode (issue 12, item 7). */
    @ParameterizedTest
    @ValueSource(strings = {"POST /sync/versions", "GET /sync/merkle/root", "POST /sync/merkle/children",
            "POST /sync/versions/fetch", "POST /members/gossip", "POST /members/probe"})
    void nodeToNodeEndpointsAreAbsentOnAStandaloneNode(String request) {
        String[] methodAndPath = request.split(" ");
        BodyPublisher body = methodAndPath[0].equals("GET") ? BodyPublishers.noBody() : BodyPublishers.ofString("{}");
        String type = methodAndPath[1].equals("/sync/versions") ? "application/vnd.kvs.versions" : "application/json";
        api.send(methodAndPath[0], methodAndPath[1], body, "Content-Type", type).assertError(404);
        api.get("/sync/status").assertStatus(200);
    }

    @Test
    void compactionOnRequestReclaimsRevisionsPastTheLimit() {
        // 30 versions of one key, revision_limit of them kept: the others are what compaction reclaims
        for (int n = 1; n <= 30; n++) {
            put("compact", "{\"n\": " + n + ", \"pad\": \"" + n + "-".repeat(2000) + "\"}");
        }
        JsonArray kept = api.get(kv("compact") + "?history=true").json().getJsonArray("revisions");
        JsonObject result = api.send("POST", "/admin/compaction", BodyPublishers.noBody())
                .assertStatus(200).assertJson().json();
        long before = result.getJsonNumber("bytes_before").longValueExact();
        long after = result.getJsonNumber("bytes_after").longValueExact();
        assertTrue(after < before, "compaction reclaimed nothing: " + result);
        assertTrue(result.getJsonNumber("duration_ms").longValueExact() >= 0);
        assertEquals(30, api.get(kv("compact")).json().getJsonObject("data").getInt("n"));
        assertTrue(kept.size() < 30);
        assertEquals(kept, api.get(kv("compact") + "?history=true").json().getJsonArray("revisions"));
    }

    @Test
    void responsesAreJsonWhateverTheAcceptHeaderAsks() {
        put("accept", "1");
        api.get(kv("accept"), "Accept", "text/html").assertStatus(200).assertJson();
        api.get("/health", "Accept", "text/html").assertStatus(200).assertJson();
        api.get("/members/", "Accept", "text/plain").assertStatus(200).assertJson();
    }

    @Test
    void headAnswersHeadersWithoutBody() {
        String tag = put("head", "1").header("ETag");
        Reply reply = api.send("HEAD", kv("head"), BodyPublishers.noBody()).assertStatus(200);
        assertEquals(tag, reply.header("ETag"));
        assertArrayEquals(new byte[0], reply.body());
        assertNull(api.send("HEAD", kv("head-absent"), BodyPublishers.noBody()).header("ETag"));
    }

    @Test
    void storedUnicodeSurvivesTheRoundTrip() {
        String json = "\"\uD83D\uDE00 \u00e9\u4e2d\"";
        put("unicode", json);
        byte[] body = api.get(kv("unicode")).body();
        assertTrue(new String(body, StandardCharsets.UTF_8).contains(json));
    }
}
