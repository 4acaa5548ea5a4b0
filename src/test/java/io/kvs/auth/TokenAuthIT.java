package io.kvs.auth;

import static io.kvs.auth.AuthNode.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.auth.tokens.ForgedToken;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.TokenIssuer;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.kvs.testing.Api;
import io.kvs.testing.Reply;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SPEC §3 authentication on a node with auth on and anonymous access off: every 401 and 403 a token can earn. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenAuthIT {

    private static final String CONTAINER = "auth";

    @ArquillianResource
    private URL deployment;

    private AuthNode node;
    private String user;

    @Deployment(testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive deployment() {
        return AuthNode.war(CONTAINER, Map.of());
    }

    @BeforeEach
    void setUp() {
        node = new AuthNode(new Api(deployment), CONTAINER);
        user = node.createUser("alice");
    }

    private Reply get(String token) {
        return node.call(token, "GET", "/kv/anything", null);
    }

    @Test
    void firstStartWroteAnOwnerOnlyRootTokenThatIsAdmin() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(node.dataDir().resolve(RootBootstrap.TOKEN_FILE))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(node.dataDir().resolve(ClusterSecretSource.FILE_NAME))));
        node.asRoot("GET", "/auth/users", null).assertStatus(200);
        assertTrue(node.asRoot("GET", "/auth/users", null).jsonArray().stream()
                .anyMatch(u -> u.asJsonObject().getString("nickname").equals("root")));
    }

    @Test
    void healthNeverNeedsAToken() {
        node.call(null, "GET", "/health", null).assertStatus(200);
        node.call("garbage", "GET", "/health", null).assertStatus(200);
        for (String probe : new String[] {"/health/ready", "/health/live"}) {
            node.call(null, "GET", probe, null).assertStatus(200);
            node.call("garbage", "GET", probe, null).assertStatus(200);
        }
    }

    @Test
    void everyEndpointWithoutATokenIs401WithABearerChallenge() {
        for (String[] request : new String[][] {{"GET", "/kv/a"}, {"PUT", "/kv/a"}, {"DELETE", "/kv/a"},
            {"GET", "/kv/_range"}, {"GET", "/meta/a"}, {"PUT", "/meta/a"}, {"GET", "/auth/users"},
            {"POST", "/auth/users"}, {"POST", "/auth/tokens"}, {"GET", "/auth/groups"}}) {
            Reply reply = node.call(null, request[0], request[1], request[0].startsWith("P") ? "{}" : null);
            assertUnauthorized(reply);
            assertEquals("Bearer", reply.header("WWW-Authenticate"), request[1]);
        }
    }

    @Test
    void algNoneIs401() {
        String none = new PlainJWT(new JWTClaimsSet.Builder().subject(user).jwtID(UUID.randomUUID().toString())
                .claim("scopes", java.util.List.of("admin")).build()).serialize();
        assertUnauthorized(get(none));
        assertUnauthorized(node.call(none, "GET", "/auth/users", null));
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() {
        byte[] otherKey = ClusterSecret.of(ClusterSecret.generate(new SecureRandom())).jwtSigningKey();
        String forged = new TokenIssuer(otherKey, System::currentTimeMillis)
                .issue(UUID.fromString(user), Set.of(Scope.ADMIN), Duration.ofHours(1)).token();
        assertUnauthorized(get(forged));
    }

    @Test
    void tamperedPayloadIs401() {
        String[] parts = node.token(user, "read").split("\\.");
        String escalated = ForgedToken.encode(ForgedToken.decode(parts[1]).replace("[\"read\"]", "[\"admin\"]"));
        assertUnauthorized(node.call(parts[0] + "." + escalated + "." + parts[2], "GET", "/auth/users", null));
    }

    @Test
    void expiredTokenIs401() {
        String expired = new TokenIssuer(node.signingKey(), () -> System.currentTimeMillis() - 3_600_000)
                .issue(UUID.fromString(user), Set.of(Scope.READ), Duration.ofMinutes(5)).token();
        assertTrue(assertUnauthorized(get(expired)).text().contains("expired"));
    }

    @Test
    void tokenWithTheRightKeyFromThisNodeIsAccepted() {
        String valid = new TokenIssuer(node.signingKey(), System::currentTimeMillis)
                .issue(UUID.fromString(user), Set.of(Scope.READ), Duration.ofMinutes(5)).token();
        get(valid).assertError(404);
    }

    @Test
    void malformedTokenAndOtherSchemesAre401() {
        assertUnauthorized(get("not-a-jwt"));
        assertUnauthorized(node.api().get("/kv/a", "Authorization", "Basic cm9vdDpyb290"));
    }

    @Test
    void revokedTokenIs401() {
        Reply issued = node.asRoot("POST", "/auth/tokens",
                "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"read\"]}").assertStatus(200);
        String token = issued.json().getString("token");
        get(token).assertError(404);
        node.asRoot("DELETE", "/auth/tokens/" + issued.json().getString("jti"), null).assertStatus(204);
        assertTrue(assertUnauthorized(get(token)).text().contains("revoked"));
    }

    @Test
    void deletedUsersTokensAre401() {
        String token = node.token(user, "read");
        node.asRoot("DELETE", "/auth/users/" + user, null).assertStatus(204);
        assertUnauthorized(get(token));
    }

    @Test
    void readOnlyScopeWritingIs403() {
        String reader = node.token(user, "read");
        node.call(reader, "PUT", "/kv/scoped/a", "{\"v\":1}").assertError(403);
        node.call(reader, "DELETE", "/kv/scoped/a", null).assertError(403);
        node.call(reader, "PUT", "/meta/scoped/a", "{\"permissions\":\"0xFFF\"}").assertError(403);
    }

    @Test
    void writeOnlyScopeReadingIs403() {
        node.call(node.token(user, "write"), "GET", "/kv/scoped/a", null).assertError(403);
    }

    @Test
    void nonAdminOnAuthEndpointsIs403() {
        String token = node.token(user, "read", "write");
        node.call(token, "GET", "/auth/users", null).assertError(403);
        node.call(token, "POST", "/auth/tokens",
                "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"admin\"]}").assertError(403);
        node.call(token, "POST", "/auth/groups", "{\"name\":\"g\"}").assertError(403);
    }

    @Test
    void tokensNeverAppearInErrorBodies() {
        String token = node.token(user, "read");
        String[] parts = token.split("\\.");
        String body = assertUnauthorized(get(parts[0] + "." + parts[1] + ".AAAA")).text();
        assertTrue(!body.contains(parts[1]), body);
    }
}
