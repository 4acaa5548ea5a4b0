package io.kvs.auth;

import io.kvs.auth.permissions.Permissions;
import io.kvs.auth.tokens.Uuids;
import io.kvs.json.JsonObjects;
import io.kvs.refusals.BodyTooLargeException;
import io.kvs.refusals.InvalidRequestException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON object body of an {@code /auth} or {@code /meta} request, read with a small size cap and checked member
 * by member, so every mistake is a 400 that names the member. Unknown members are refused, not ignored: a typo such
 * as {@code "permision"} must not silently change nothing.
 */
final class JsonBody {

    /** Far above any valid body of these endpoints. */
    static final int MAX_BYTES = 16 * 1024;

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    static JsonBody read(InputStream in, Set<String> allowedMembers) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidRequestException("could not read the request body: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new BodyTooLargeException("the body exceeds " + MAX_BYTES + " bytes");
        }
        JsonObject object;
        try {
            object = JsonObjects.readOne(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        for (String name : object.keySet()) {
            if (!allowedMembers.contains(name)) {
                throw new InvalidRequestException("unknown member \"" + name + "\"; expected " + String.join(", ",
                        allowedMembers.stream().sorted().toList()));
            }
        }
        return new JsonBody(object);
    }

    boolean has(String name) {
        return object.containsKey(name);
    }

    boolean isNull(String name) {
        return object.containsKey(name) && object.get(name).getValueType() == JsonValue.ValueType.NULL;
    }

    JsonValue value(String name) {
        return object.get(name);
    }

    /** A required non-blank string member. */
    String string(String name) {
        return optionalString(name).orElseThrow(() -> new InvalidRequestException(name + " is required"));
    }

    Optional<String> optionalString(String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString s) || s.getString().isBlank()) {
            throw new InvalidRequestException(name + " must be a non-empty string");
        }
        return Optional.of(s.getString());
    }

    /** A lower-case uuid string member. */
    UUID uuid(String name) {
        String text = string(name);
        return Uuids.parseCanonical(text)
                .orElseThrow(() -> new InvalidRequestException(
                        name + " must be a lower-case uuid, not \"" + text + "\""));
    }

    /** Permission bits given as a number (3857) or a string ("0xF11"). */
    int permissions(String name) {
        JsonValue value = object.get(name);
        try {
            if (value instanceof JsonNumber n) {
                return Permissions.requireValid(n.longValueExact());
            }
            if (value instanceof JsonString s) {
                return Permissions.parse(s.getString());
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new InvalidRequestException(
                    name + ": " + (e.getMessage() == null ? "must be an integer" : e.getMessage()));
        }
        throw new InvalidRequestException(name + " must be a number or a string such as \"0xF11\"");
    }
}
