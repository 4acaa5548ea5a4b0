package io.kvs.kv;

import io.kvs.storage.LevelPage;
import io.kvs.storage.RangePage;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvJsonTest {

    private static final UUID FIRST = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final UUID SECOND = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");

    private static StoredValue value(String key, UUID uuid, long timestamp, String json) {
        return new StoredValue(key, new Version(timestamp, 1, uuid, "n1"), 0, false,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject read(byte[] body) {
        return Json.createReader(new ByteArrayInputStream(body)).readObject();
    }

    @Test
    void writtenHasUuidAndTimestamp() {
        JsonObject body = read(KvJson.written(value("k", FIRST, 1700000000123L, "1")));
        assertEquals(FIRST.toString(), body.getString("uuid"));
        assertEquals(1700000000123L, body.getJsonNumber("timestamp").longValue());
        assertEquals(2, body.size());
    }

    @Test
    void valueEmbedsTheStoredBytesVerbatim() {
        String stored = "{ \"b\": 1.50,  \"a\": [true, null] }";
        byte[] body = KvJson.value(value("k", FIRST, 5, stored));
        assertEquals("{\"uuid\":\"" + FIRST + "\",\"timestamp\":5,\"data\":" + stored + "}",
                new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void historyListsRevisionsInTheGivenOrder() {
        JsonObject body = read(KvJson.history("a/\"b\"", List.of(value("a/\"b\"", SECOND, 9, "2"),
                value("a/\"b\"", FIRST, 8, "1"))));
        assertEquals("a/\"b\"", body.getString("key"));
        assertEquals(SECOND.toString(), body.getJsonArray("revisions").getJsonObject(0).getString("uuid"));
        assertEquals(1, body.getJsonArray("revisions").getJsonObject(1).getInt("data"));
    }

    @Test
    void rangeWithoutValuesHasNoDataAndEscapesKeys() {
        JsonObject body = read(KvJson.range(new RangePage(List.of(value("caf\u00e9\n\u0001", FIRST, 3, null)),
                "next\"key"), false));
        JsonObject item = body.getJsonArray("items").getJsonObject(0);
        assertEquals("caf\u00e9\n\u0001", item.getString("key"));
        assertEquals(3, item.getJsonNumber("timestamp").longValue());
        assertFalse(item.containsKey("data"));
        assertEquals("next\"key", body.getString("next_start_key"));
    }

    @Test
    void rangeWithValuesEmbedsData() {
        JsonObject body = read(KvJson.range(new RangePage(List.of(value("a", FIRST, 3, "{\"x\":1}"),
                value("b", SECOND, 4, "[]")), null), true));
        assertEquals(1, body.getJsonArray("items").getJsonObject(0).getJsonObject("data").getInt("x"));
        assertTrue(body.getJsonArray("items").getJsonObject(1).getJsonArray("data").isEmpty());
        assertTrue(body.isNull("next_start_key"));
    }

    @Test
    void levelListsItemsThenPrefixesWithTheirCounts() {
        JsonObject body = read(KvJson.level(new LevelPage(List.of(value("p/a", FIRST, 3, "1")),
                List.of(new LevelPage.PrefixCount("p/\"b\"/", 2), new LevelPage.PrefixCount("p/c/", 7)), "p/d"),
                true));
        assertEquals("p/a", body.getJsonArray("items").getJsonObject(0).getString("key"));
        assertEquals(1, body.getJsonArray("items").getJsonObject(0).getInt("data"));
        JsonObject first = body.getJsonArray("prefixes").getJsonObject(0);
        assertEquals("p/\"b\"/", first.getString("prefix"));
        assertEquals(2, first.getInt("keys"));
        assertEquals(7, body.getJsonArray("prefixes").getJsonObject(1).getInt("keys"));
        assertEquals("p/d", body.getString("next_start_key"));
        assertEquals("{\"items\":[],\"prefixes\":[],\"next_start_key\":null}",
                new String(KvJson.level(new LevelPage(List.of(), List.of(), null), false), StandardCharsets.UTF_8));
    }

    @Test
    void emptyRangeIsAnEmptyList() {
        assertEquals("{\"items\":[],\"next_start_key\":null}",
                new String(KvJson.range(new RangePage(List.of(), null), false), StandardCharsets.UTF_8));
    }
}
