package io.kvs.auth;

import static io.kvs.auth.AuthNode.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.testing.Api;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §3 anonymous access with both toggles on (TokenAuthIT covers them off): reads and PUTs pass without a
 * token, as the "others" class of each key; DELETE and admin endpoints still need a token; a bad token is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnonymousAccessIT {

    private static final String CONTAINER = "auth-anonymous";

    @ArquillianResource
    private URL deployment;

    private AuthNode node;
    private String prefix;

    @Deployment(testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive deployment() {
        return AuthNode.war(CONTAINER, Map.of("allow_anonymous_read", "true", "allow_anonymous_write", "true"));
    }

    @BeforeEach
    void setUp() {
        node = new AuthNode(new Api(deployment), CONTAINER);
        prefix = "/kv/anon" + System.nanoTime() + "/";
    }

    @Test
    void anonymousMayReadAndListKeysOthersMayRead() {
        node.asRoot("PUT", prefix + "public", "{\"v\":1}").assertStatus(200);
        node.call(null, "GET", prefix + "public", null).assertStatus(200);
        assertTrue(node.call(null, "GET", "/kv/_range?prefix=" + prefix.substring(4), null).assertStatus(200).text()
                .contains("public"));
    }

    @Test
    void anonymousReadStillHonoursKeyPermissions() {
        node.asRoot("PUT", prefix + "secret", "{}").assertStatus(200);
        node.call(node.rootToken(), "PUT", "/meta/" + prefix.substring(4) + "secret", "{\"permissions\":\"0xF00\"}")
                .assertStatus(200);
        node.call(null, "GET", prefix + "secret", null).assertError(404);
        assertTrue(!node.call(null, "GET", "/kv/_range?prefix=" + prefix.substring(4), null).text().contains("secret"));
    }

    @Test
    void anonymousMayCreateKeysButNeverDelete() {
        node.call(null, "PUT", prefix + "note", "{\"by\":\"nobody\"}").assertStatus(200);
        assertUnauthorized(node.call(null, "DELETE", prefix + "note", null));
        node.call(node.rootToken(), "GET", "/meta/" + prefix.substring(4) + "note", null).assertStatus(200);
    }

    @Test
    void adminEndpointsStillNeedAToken() {
        assertUnauthorized(node.call(null, "GET", "/auth/users", null));
        assertUnauthorized(node.call(null, "POST", "/auth/tokens", "{}"));
        assertUnauthorized(node.call(null, "PUT", "/meta/x", "{}"));
        // An encoded path is classified as the path it decodes to, whatever the router makes of it.
        assertUnauthorized(node.call(null, "GET", "/%61uth/users", null));
        assertUnauthorized(node.call(null, "DELETE", "/%6Bv/anything", null));
    }

    @Test
    void aBadTokenIsRefusedEvenThoughAnonymousWouldPass() {
        assertUnauthorized(node.call("bad.token.here", "GET", prefix + "public", null));
    }
}
