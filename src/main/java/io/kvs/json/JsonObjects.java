package io.kvs.json;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.ByteArrayInputStream;
import java.util.Map;

/**
 * Reads a body that must be exactly one JSON object, for every API and node-to-node body that is one: nothing but
 * whitespace may follow it, and whatever the parser throws (Parsson reports nesting past its limit of 1,000 as a bare
 * {@link RuntimeException}) becomes an {@link IllegalArgumentException} with a reason fit for a 400 answer.
 */
public final class JsonObjects {

    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private JsonObjects() {
    }

    /** The one JSON object {@code bytes} hold (UTF-8); anything else throws {@link IllegalArgumentException}. */
    public static JsonObject readOne(byte[] bytes) {
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(bytes))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new IllegalArgumentException("the body must be one JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new IllegalArgumentException("the body must be one JSON object, with nothing after it");
            }
            return object;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
    }
}
