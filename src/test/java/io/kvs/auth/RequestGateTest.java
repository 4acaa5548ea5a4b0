package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.RequestGate.Outcome;
import io.kvs.auth.accounts.Directory;
import io.kvs.auth.accounts.Group;
import io.kvs.auth.accounts.GroupMembership;
import io.kvs.auth.accounts.User;
import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.auth.tokens.InvalidTokenException;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.Revocation;
import io.kvs.auth.tokens.RevocationList;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.TokenIssuer;
import io.kvs.auth.tokens.TokenVerifier;
import io.kvs.request.EndpointAccess;
import io.kvs.request.RequestPath;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestGateTest {

    private static final long NOW = 1_700_000_000_000L;

    private final byte[] key = ClusterSecret.of(ClusterSecret.generate(new SecureRandom())).jwtSigningKey();
    private final Directory directory = new Directory();
    private final RevocationList revocations = new RevocationList();
    private final TokenIssuer issuer = new TokenIssuer(key, () -> NOW);
    private final TokenVerifier verifier =
            new TokenVerifier(key, () -> NOW, revocations::isRevoked, directory::isLiveUser);
    private final User john = new User(UUID.randomUUID(), "john", 1);

    RequestGateTest() {
        directory.putUser(john);
    }

    private RequestGate gate(boolean anonymousRead, boolean anonymousWrite) {
        return new RequestGate(verifier, directory, anonymousRead, anonymousWrite);
    }

    private String bearer(Scope... scopes) {
        return "Bearer " + issuer.issue(john.uuid(), Set.of(scopes), Duration.ofHours(1)).token();
    }

    @Test
    void healthMembersAndNodeToNodeEndpointsAreLeftAlone() {
        assertInstanceOf(Outcome.Exempt.class, admit(gate(false, false), "GET", "/health", null));
        assertInstanceOf(Outcome.Exempt.class, admit(gate(false, false), "GET", "/members/", null));
        assertInstanceOf(Outcome.Exempt.class, admit(gate(false, false), "GET", "/health", "Bearer garbage"));
        assertInstanceOf(Outcome.Exempt.class, admit(gate(false, false), "POST", "/sync/versions", null));
    }

    @Test
    void withoutTokenEverythingElseIsUnauthenticatedWhenTogglesAreOff() {
        for (String[] request : List.of(new String[] {"GET", "/kv/a"}, new String[] {"PUT", "/kv/a"},
                new String[] {"DELETE", "/kv/a"}, new String[] {"GET", "/kv/_range"}, new String[] {"GET", "/meta/a"},
                new String[] {"POST", "/auth/users"})) {
            Outcome outcome = admit(gate(false, false), request[0], request[1], null);
            Outcome.Unauthenticated refused = assertInstanceOf(Outcome.Unauthenticated.class, outcome, request[1]);
            assertFalse(refused.tokenRejected());
            assertEquals("a bearer token is required", refused.reason());
        }
    }

    @Test
    void anonymousReadOpensReadsOnly() {
        RequestGate gate = gate(true, false);
        Outcome.Admitted admitted = assertInstanceOf(Outcome.Admitted.class, admit(gate, "GET", "/kv/a", null));
        assertTrue(admitted.caller().isAnonymous());
        assertEquals(Set.of(Scope.READ), admitted.caller().scopes());
        assertNull(admitted.token());
        assertInstanceOf(Outcome.Admitted.class, admit(gate, "GET", "/kv/_range", null));
        assertInstanceOf(Outcome.Unauthenticated.class, admit(gate, "PUT", "/kv/a", null));
        assertInstanceOf(Outcome.Unauthenticated.class, admit(gate, "DELETE", "/kv/a", null));
    }

    @Test
    void anonymousWriteOpensPutButNeverDeleteNorAdmin() {
        RequestGate gate = gate(false, true);
        Outcome.Admitted admitted = assertInstanceOf(Outcome.Admitted.class, admit(gate, "PUT", "/kv/a", null));
        assertEquals(Set.of(Scope.WRITE), admitted.caller().scopes());
        assertInstanceOf(Outcome.Unauthenticated.class, admit(gate, "GET", "/kv/a", null));
        assertInstanceOf(Outcome.Unauthenticated.class, admit(gate, "DELETE", "/kv/a", null));
        assertInstanceOf(Outcome.Unauthenticated.class, admit(gate, "PUT", "/meta/a", null));
        assertInstanceOf(Outcome.Unauthenticated.class, admit(gate(true, true), "GET", "/auth/users", null));
        assertInstanceOf(Outcome.Unauthenticated.class, admit(gate(true, true), "POST", "/admin/compaction", null));
    }

    @Test
    void validTokenIsAdmittedAsItsUserWithTheirGroups() {
        Group ops = new Group(UUID.randomUUID(), "ops", 1);
        directory.putGroup(ops);
        directory.putMembership(new GroupMembership(ops.uuid(), john.uuid(), 1));

        Outcome outcome = admit(gate(false, false), "GET", "/kv/a", bearer(Scope.READ));

        Caller caller = assertInstanceOf(Outcome.Admitted.class, outcome).caller();
        assertEquals(john.uuid(), caller.user());
        assertEquals(List.of(ops.uuid()), caller.groups());
        assertEquals(Set.of(Scope.READ), caller.scopes());
    }

    @Test
    void schemeIsCaseInsensitive() {
        String token = bearer(Scope.READ).substring("Bearer ".length());
        assertInstanceOf(Outcome.Admitted.class, admit(gate(false, false), "GET", "/kv/a", "bearer " + token));
        assertInstanceOf(Outcome.Admitted.class, admit(gate(false, false), "GET", "/kv/a", "BEARER " + token));
    }

    @Test
    void missingScopeIsForbidden() {
        Outcome.Forbidden forbidden = assertInstanceOf(Outcome.Forbidden.class,
                admit(gate(false, false), "PUT", "/kv/a", bearer(Scope.READ)));
        assertEquals("token lacks the write scope", forbidden.reason());
        assertInstanceOf(Outcome.Forbidden.class, admit(gate(false, false), "GET", "/kv/a", bearer(Scope.WRITE)));
        assertInstanceOf(Outcome.Forbidden.class,
                admit(gate(false, false), "POST", "/auth/users", bearer(Scope.READ, Scope.WRITE)));
    }

    @Test
    void adminTokenPassesEveryScope() {
        String admin = bearer(Scope.ADMIN);
        for (String[] request : List.of(new String[] {"GET", "/kv/a"}, new String[] {"PUT", "/kv/a"},
                new String[] {"DELETE", "/kv/a"}, new String[] {"POST", "/auth/users"})) {
            assertInstanceOf(Outcome.Admitted.class, admit(gate(false, false), request[0], request[1], admin));
        }
    }

    @Test
    void badTokenIsRefusedEvenWhereAnonymousWouldPass() {
        Outcome.Unauthenticated refused = assertInstanceOf(Outcome.Unauthenticated.class,
                admit(gate(true, true), "GET", "/kv/a", "Bearer not.a.token"));
        assertTrue(refused.tokenRejected());
        assertEquals("malformed token", refused.reason());
    }

    @Test
    void revokedTokenIsRefused() {
        String token = bearer(Scope.READ);
        UUID jti = issuerClaims(token).jti();
        revocations.add(new Revocation(jti, NOW + 3_600_000));
        assertEquals("token revoked", assertInstanceOf(Outcome.Unauthenticated.class,
                admit(gate(false, false), "GET", "/kv/a", token)).reason());
    }

    @Test
    void otherSchemesAndEmptyBearerAreRefused() {
        for (String header : List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token abc", "")) {
            Outcome.Unauthenticated refused = assertInstanceOf(Outcome.Unauthenticated.class,
                    admit(gate(true, true), "GET", "/kv/a", header), header);
            assertTrue(refused.tokenRejected());
        }
    }

    private IssuedToken issuerClaims(String bearer) {
        try {
            return verifier.verify(bearer.substring("Bearer ".length()));
        } catch (InvalidTokenException e) {
            throw new AssertionError(e);
        }
    }

    private static Outcome admit(RequestGate gate, String method, String path, String authorization) {
        return gate.admit(EndpointAccess.of(method, RequestPath.of(path)), authorization);
    }
}
