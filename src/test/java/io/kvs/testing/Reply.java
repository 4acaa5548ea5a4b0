package io.kvs.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One HTTP answer as a test sees it: status, headers (case-insensitive names) and body. */
public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

    public Reply {
        TreeMap<String, List<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        names.putAll(headers);
        headers = names;
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        }
    }

    public JsonArray jsonArray() {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readArray();
        }
    }

    /** Asserts an answer in the SPEC §0 error shape: this status, application/json, a non-blank "error" string. */
    public Reply assertError(int expectedStatus) {
        assertEquals(expectedStatus, status, () -> "status, body: " + text());
        assertJson();
        JsonObject error = json();
        assertEquals(1, error.size(), () -> "only an error member: " + text());
        assertFalse(error.getString("error").isBlank(), "error message");
        return this;
    }

    public Reply assertJson() {
        String type = header("Content-Type");
        assertTrue(type != null && type.startsWith("application/json"), () -> "Content-Type " + type + ": " + text());
        return this;
    }

    public Reply assertStatus(int expectedStatus) {
        assertEquals(expectedStatus, status, () -> "status, body: " + text());
        return this;
    }
}
