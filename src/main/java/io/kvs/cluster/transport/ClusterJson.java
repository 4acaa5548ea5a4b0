package io.kvs.cluster.transport;

import io.kvs.cluster.membership.Gossip;
import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.membership.MemberStatus;
import io.kvs.cluster.sync.KeyVersion;
import io.kvs.cluster.sync.NodeHash;
import io.kvs.json.JsonObjects;
import io.kvs.storage.Version;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The JSON bodies of the node-to-node endpoints (README.md documents them), written and read by both the resources
 * and the HTTP client so the two sides cannot drift apart. Every reader refuses a malformed body with an
 * {@link IllegalArgumentException} naming what is wrong, which the resources answer with 400.
 */
public final class ClusterJson {

    /** Looked up once: {@code Json.createX} searches for the provider on every call (milliseconds each). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ClusterJson() {
    }

    // ---- membership

    public static byte[] gossip(Gossip gossip) {
        return bytes(JSON.createObjectBuilder()
                .add("from", gossip.from())
                .add("members", array(gossip.members(), ClusterJson::memberBuilder)));
    }

    public static Gossip gossip(byte[] body) {
        return parse(body, object -> new Gossip(object.getString("from"),
                list(object.getJsonArray("members"), value -> member(value.asJsonObject()))));
    }

    public static byte[] member(MemberState member) {
        return bytes(memberBuilder(member));
    }

    public static MemberState memberOf(byte[] body) {
        return parse(body, ClusterJson::member);
    }

    public static byte[] reachable(boolean reachable) {
        return bytes(JSON.createObjectBuilder().add("reachable", reachable));
    }

    public static boolean reachable(byte[] body) {
        return parse(body, object -> object.getBoolean("reachable"));
    }

    /** The answer to a push: how many versions came, how many won here. */
    public static byte[] pushed(int received, int applied) {
        return bytes(JSON.createObjectBuilder().add("received", received).add("applied", applied));
    }

    // ---- Merkle tree

    /** {@code {"paths": [...]}} or {@code {"keys": [...]}}: what a tree or fetch request asks for. */
    public static byte[] strings(String field, List<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return bytes(JSON.createObjectBuilder().add(field, array));
    }

    public static List<String> strings(String field, byte[] body) {
        return parse(body, object -> list(object.getJsonArray(field), value -> {
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                throw new IllegalArgumentException(field + " must hold strings");
            }
            return ((JsonString) value).getString();
        }));
    }

    public static byte[] root(NodeHash root) {
        return bytes(JSON.createObjectBuilder().add("hash", root.hash()).add("key_count", root.keyCount()));
    }

    public static NodeHash root(byte[] body) {
        return parse(body, object -> new NodeHash("", object.getString("hash"),
                object.getJsonNumber("key_count").longValueExact()));
    }

    public static byte[] nodes(List<NodeHash> nodes) {
        return bytes(JSON.createObjectBuilder().add("nodes", array(nodes, node -> JSON.createObjectBuilder()
                .add("path", node.path()).add("hash", node.hash()).add("key_count", node.keyCount()))));
    }

    public static List<NodeHash> nodes(byte[] body) {
        return parse(body, object -> list(object.getJsonArray("nodes"), value -> {
            JsonObject node = value.asJsonObject();
            return new NodeHash(node.getString("path"), node.getString("hash"),
                    node.getJsonNumber("key_count").longValueExact());
        }));
    }

    public static byte[] entries(List<KeyVersion> entries) {
        return bytes(JSON.createObjectBuilder().add("entries", array(entries, entry -> JSON.createObjectBuilder()
                .add("key", entry.key())
                .add("timestamp", entry.version().timestamp())
                .add("joined_timestamp", entry.version().joinedTimestamp())
                .add("uuid", entry.version().uuid().toString())
                .add("writer", entry.version().writerNode())
                .add("tombstone", entry.tombstone()))));
    }

    public static List<KeyVersion> entries(byte[] body) {
        return parse(body, object -> list(object.getJsonArray("entries"), value -> {
            JsonObject entry = value.asJsonObject();
            return new KeyVersion(entry.getString("key"), new Version(
                    entry.getJsonNumber("timestamp").longValueExact(),
                    entry.getJsonNumber("joined_timestamp").longValueExact(),
                    UUID.fromString(entry.getString("uuid")),
                    entry.getString("writer")), entry.getBoolean("tombstone"));
        }));
    }

    // ---- helpers

    private static JsonObjectBuilder memberBuilder(MemberState member) {
        return JSON.createObjectBuilder()
                .add("id", member.id())
                .add("address", member.address())
                .add("incarnation", member.incarnation())
                .add("status", member.status().wireName())
                .add("joined_timestamp", member.joinedTimestamp());
    }

    private static MemberState member(JsonObject object) {
        return new MemberState(object.getString("id"), object.getString("address"),
                object.getJsonNumber("incarnation").longValueExact(),
                MemberStatus.valueOf(object.getString("status").toUpperCase(Locale.ROOT)),
                object.getJsonNumber("joined_timestamp").longValueExact());
    }

    private static <T> JsonArrayBuilder array(List<T> items, Function<T, JsonObjectBuilder> toJson) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        items.forEach(item -> array.add(toJson.apply(item)));
        return array;
    }

    private static <T> List<T> list(JsonArray array, Function<JsonValue, T> fromJson) {
        if (array == null) {
            throw new IllegalArgumentException("expected array missing");
        }
        return array.stream().map(fromJson).toList();
    }

    private static byte[] bytes(JsonObjectBuilder object) {
        return object.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Any structural mistake in the body (bad JSON, missing or mistyped member, bad enum or uuid) is a 400. */
    private static <T> T parse(byte[] body, Function<JsonObject, T> mapping) {
        JsonObject object;
        try {
            object = JsonObjects.readOne(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed cluster message: " + e.getMessage(), e);
        }
        try {
            return mapping.apply(object);
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed cluster message: " + e.getMessage(), e);
        }
    }
}
