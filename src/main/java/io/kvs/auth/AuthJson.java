package io.kvs.auth;

import io.kvs.auth.accounts.Group;
import io.kvs.auth.accounts.GroupMembership;
import io.kvs.auth.accounts.User;
import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.auth.permissions.Permissions;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.Revocation;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.Uuids;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The JSON documents auth state is stored as (snake_case, like the API). Documents arrive from peers too, so
 * decoding checks every member and fails with {@link IllegalArgumentException} rather than producing half a record.
 */
public final class AuthJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AuthJson() {
    }

    public static JsonObject user(User user) {
        return JSON.createObjectBuilder().add("uuid", user.uuid().toString()).add("nickname", user.nickname())
                .add("created_at", user.createdAt()).build();
    }

    public static User parseUser(byte[] json) {
        JsonObject o = parse(json);
        return new User(uuid(o, "uuid"), string(o, "nickname"), number(o, "created_at"));
    }

    public static JsonObject group(Group group) {
        return JSON.createObjectBuilder().add("uuid", group.uuid().toString()).add("name", group.name())
                .add("created_at", group.createdAt()).build();
    }

    public static Group parseGroup(byte[] json) {
        JsonObject o = parse(json);
        return new Group(uuid(o, "uuid"), string(o, "name"), number(o, "created_at"));
    }

    public static JsonObject membership(GroupMembership membership) {
        return JSON.createObjectBuilder().add("group_uuid", membership.groupUuid().toString())
                .add("user_uuid", membership.userUuid().toString()).add("added_at", membership.addedAt()).build();
    }

    public static GroupMembership parseMembership(byte[] json) {
        JsonObject o = parse(json);
        return new GroupMembership(uuid(o, "group_uuid"), uuid(o, "user_uuid"), number(o, "added_at"));
    }

    public static JsonObject token(IssuedToken token) {
        JsonArrayBuilder scopes = JSON.createArrayBuilder();
        token.scopes().stream().sorted().forEach(s -> scopes.add(s.wireName()));
        return JSON.createObjectBuilder().add("jti", token.jti().toString()).add("user_uuid", token.userUuid().toString())
                .add("scopes", scopes).add("issued_at", token.issuedAt()).add("expires_at", token.expiresAt()).build();
    }

    public static IssuedToken parseToken(byte[] json) {
        JsonObject o = parse(json);
        List<String> scopes = new ArrayList<>();
        for (JsonValue scope : member(o, "scopes", JsonValue.ValueType.ARRAY).asJsonArray()) {
            scopes.add(scope instanceof JsonString s ? s.getString() : null);
        }
        return new IssuedToken(uuid(o, "jti"), uuid(o, "user_uuid"), Scope.parseAll(scopes), number(o, "issued_at"),
                number(o, "expires_at"));
    }

    public static JsonObject revocation(Revocation revocation) {
        return JSON.createObjectBuilder().add("jti", revocation.jti().toString())
                .add("expires_at", revocation.expiresAt()).build();
    }

    public static Revocation parseRevocation(byte[] json) {
        JsonObject o = parse(json);
        return new Revocation(uuid(o, "jti"), number(o, "expires_at"));
    }

    /** Also the body of {@code GET /meta/{key}}. */
    public static JsonObject metadata(KeyMetadata meta) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        addUuidOrNull(b, "owner_uuid", meta.ownerUuid());
        addUuidOrNull(b, "group_uuid", meta.groupUuid());
        return b.add("permissions", meta.permissions()).add("created_at", meta.createdAt())
                .add("updated_at", meta.updatedAt()).build();
    }

    public static KeyMetadata parseMetadata(byte[] json) {
        JsonObject o = parse(json);
        return new KeyMetadata(uuidOrNull(o, "owner_uuid"), uuidOrNull(o, "group_uuid"),
                Permissions.requireValid(number(o, "permissions")), number(o, "created_at"), number(o, "updated_at"));
    }

    public static byte[] bytes(JsonObject document) {
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void addUuidOrNull(JsonObjectBuilder b, String name, UUID value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value.toString());
        }
    }

    private static JsonObject parse(byte[] json) {
        if (json == null) {
            throw new IllegalArgumentException("no document");
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(json))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    private static JsonValue member(JsonObject o, String name, JsonValue.ValueType type) {
        JsonValue value = o.get(name);
        if (value == null || value.getValueType() != type) {
            throw new IllegalArgumentException(name + " must be " + type.name().toLowerCase());
        }
        return value;
    }

    private static String string(JsonObject o, String name) {
        return ((JsonString) member(o, name, JsonValue.ValueType.STRING)).getString();
    }

    private static long number(JsonObject o, String name) {
        JsonNumber n = (JsonNumber) member(o, name, JsonValue.ValueType.NUMBER);
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be an integer", e);
        }
    }

    private static UUID uuid(JsonObject o, String name) {
        return Uuids.parseCanonical(string(o, name))
                .orElseThrow(() -> new IllegalArgumentException(name + " must be a lower-case uuid"));
    }

    private static UUID uuidOrNull(JsonObject o, String name) {
        JsonValue value = o.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : uuid(o, name);
    }
}
