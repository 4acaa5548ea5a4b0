package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kvs.auth.accounts.Group;
import io.kvs.auth.accounts.GroupMembership;
import io.kvs.auth.accounts.User;
import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.Revocation;
import io.kvs.auth.tokens.Scope;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthJsonTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyRecordSurvivesARoundTrip() {
        User user = new User(a, "jöhn \"the\" admin", 12);
        assertEquals(user, AuthJson.parseUser(AuthJson.bytes(AuthJson.user(user))));
        Group group = new Group(a, "ops", 13);
        assertEquals(group, AuthJson.parseGroup(AuthJson.bytes(AuthJson.group(group))));
        GroupMembership membership = new GroupMembership(a, b, 14);
        assertEquals(membership, AuthJson.parseMembership(AuthJson.bytes(AuthJson.membership(membership))));
        IssuedToken token = new IssuedToken(a, b, Set.of(Scope.READ, Scope.ADMIN), 1000, 2000);
        assertEquals(token, AuthJson.parseToken(AuthJson.bytes(AuthJson.token(token))));
        Revocation revocation = new Revocation(a, 15);
        assertEquals(revocation, AuthJson.parseRevocation(AuthJson.bytes(AuthJson.revocation(revocation))));
        KeyMetadata meta = new KeyMetadata(a, null, 0xF11, 16, 17);
        assertEquals(meta, AuthJson.parseMetadata(AuthJson.bytes(AuthJson.metadata(meta))));
        KeyMetadata ownerless = KeyMetadata.ownerless(0x777, 18);
        assertEquals(ownerless, AuthJson.parseMetadata(AuthJson.bytes(AuthJson.metadata(ownerless))));
    }

    @Test
    void metadataIsWrittenWithTheApiNames() {
        UUID owner = UUID.fromString("0b1f8a56-3c1e-4d7b-9a0e-2f9b6c1d4e5f");
        assertEquals("{\"owner_uuid\":\"0b1f8a56-3c1e-4d7b-9a0e-2f9b6c1d4e5f\",\"group_uuid\":null,\"permissions\":3857,"
                        + "\"created_at\":1,\"updated_at\":2}",
                AuthJson.metadata(new KeyMetadata(owner, null, 0xF11, 1, 2)).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"uuid\":1,\"nickname\":\"x\",\"created_at\":1}",
        "{\"uuid\":\"not-a-uuid\",\"nickname\":\"x\",\"created_at\":1}",
        "{\"nickname\":\"x\",\"created_at\":1}",
        "{\"uuid\":\"0b1f8a56-3c1e-4d7b-9a0e-2f9b6c1d4e5f\",\"nickname\":\"x\",\"created_at\":1.5}",
        "{\"uuid\":\"0b1f8a56-3c1e-4d7b-9a0e-2f9b6c1d4e5f\",\"nickname\":null,\"created_at\":1}"})
    void malformedUserDocumentsAreRefused(String json) {
        assertThrows(IllegalArgumentException.class, () -> AuthJson.parseUser(utf8(json)));
    }

    @Test
    void metadataWithOutOfRangePermissionsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuthJson.parseMetadata(utf8(
                "{\"owner_uuid\":null,\"group_uuid\":null,\"permissions\":4096,\"created_at\":1,\"updated_at\":1}")));
    }

    @Test
    void tokenWithUnknownScopeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuthJson.parseToken(utf8("{\"jti\":\"" + a + "\",\"user_uuid\":\""
                + b + "\",\"scopes\":[\"root\"],\"issued_at\":1,\"expires_at\":2}")));
    }

    @Test
    void missingDocumentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuthJson.parseUser(null));
    }
}
