package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.ForgedToken;
import io.kvs.testing.Api;
import io.kvs.testing.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.Map;
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

/** SPEC §3 user, token and group endpoints: shapes, statuses and validation, as the root admin. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountsIT {

    private static final String CONTAINER = "auth";

    @ArquillianResource
    private URL deployment;

    private AuthNode node;

    @Deployment(testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive deployment() {
        return AuthNode.war(CONTAINER, Map.of("token_ttl", "\"2h\""));
    }

    @BeforeEach
    void setUp() {
        node = new AuthNode(new Api(deployment), CONTAINER);
    }

    private Reply root(String method, String path, String json) {
        return node.asRoot(method, path, json);
    }

    @Test
    void createdUserIsListedAndFetchedByUuid() {
        String nickname = "john-" + System.nanoTime();
        long before = System.currentTimeMillis();
        String uuid = root("POST", "/auth/users", "{\"nickname\":\"" + nickname + "\"}").assertStatus(200).assertJson()
                .json().getString("uuid");
        assertEquals(UUID.fromString(uuid).toString(), uuid);

        JsonObject user = root("GET", "/auth/users/" + uuid, null).assertStatus(200).json();
        assertEquals(nickname, user.getString("nickname"));
        assertTrue(user.getJsonNumber("created_at").longValue() >= before - 1000);
        assertEquals(List.of(), user.getJsonArray("groups"));
        assertTrue(root("GET", "/auth/users", null).jsonArray().stream()
                .anyMatch(u -> u.asJsonObject().getString("uuid").equals(uuid)));
    }

    @Test
    void duplicateNicknameIs409() {
        String body = "{\"nickname\":\"dup-" + System.nanoTime() + "\"}";
        root("POST", "/auth/users", body).assertStatus(200);
        root("POST", "/auth/users", body).assertError(409);
    }

    @Test
    void malformedUserRequestsAre400() {
        root("POST", "/auth/users", "{}").assertError(400);
        root("POST", "/auth/users", "{\"nickname\":\"\"}").assertError(400);
        root("POST", "/auth/users", "{\"nickname\":42}").assertError(400);
        root("POST", "/auth/users", "{\"nickname\":\"a\",\"admin\":true}").assertError(400);
        root("POST", "/auth/users", "[1]").assertError(400);
        root("POST", "/auth/users", "{not json").assertError(400);
        root("GET", "/auth/users/not-a-uuid", null).assertError(400);
    }

    @Test
    void unknownUserIs404AndDeletedUserIsGone() {
        root("GET", "/auth/users/" + UUID.randomUUID(), null).assertError(404);
        root("DELETE", "/auth/users/" + UUID.randomUUID(), null).assertError(404);
        String user = node.createUser("doomed");
        root("DELETE", "/auth/users/" + user, null).assertStatus(204);
        root("GET", "/auth/users/" + user, null).assertError(404);
    }

    @Test
    void tokenHasTheRequestedScopesAndTtl() {
        String user = node.createUser("tok");
        long before = System.currentTimeMillis();
        JsonObject issued = root("POST", "/auth/tokens",
                "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"read\",\"write\"],\"ttl\":\"90m\"}").assertStatus(200).json();
        long expiresAt = issued.getJsonNumber("expires_at").longValue();
        assertTrue(Math.abs(expiresAt - (before + 90 * 60_000)) < 5_000, "expires_at " + expiresAt);
        String payload = ForgedToken.decode(issued.getString("token").split("\\.")[1]);
        assertTrue(payload.contains("\"scopes\":[\"read\",\"write\"]"), payload);
        assertTrue(payload.contains("\"sub\":\"" + user + "\""), payload);
        assertTrue(payload.contains("\"jti\":\"" + issued.getString("jti") + "\""), payload);
    }

    @Test
    void tokenWithoutTtlLivesForTokenTtl() {
        String user = node.createUser("tok");
        long before = System.currentTimeMillis();
        long expiresAt = root("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"read\"]}")
                .assertStatus(200).json().getJsonNumber("expires_at").longValue();
        assertTrue(Math.abs(expiresAt - (before + 2 * 3_600_000)) < 5_000, "expires_at " + expiresAt);
    }

    @Test
    void unknownUserOrScopeOrBadTtlIs400() {
        String user = node.createUser("tok");
        root("POST", "/auth/tokens", "{\"user_uuid\":\"" + UUID.randomUUID() + "\",\"scopes\":[\"read\"]}").assertError(400);
        root("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"superuser\"]}").assertError(400);
        root("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\",\"scopes\":[]}").assertError(400);
        root("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\"}").assertError(400);
        root("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"read\"],\"ttl\":\"soon\"}")
                .assertError(400);
        root("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"read\"],\"ttl\":\"0\"}")
                .assertError(400);
    }

    @Test
    void revokingAnUnknownTokenIs404AndTwiceIsHarmless() {
        root("DELETE", "/auth/tokens/" + UUID.randomUUID(), null).assertError(404);
        root("DELETE", "/auth/tokens/nonsense", null).assertError(400);
        String user = node.createUser("rev");
        String jti = root("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"read\"]}")
                .json().getString("jti");
        root("DELETE", "/auth/tokens/" + jti, null).assertStatus(204);
        root("DELETE", "/auth/tokens/" + jti, null).assertStatus(204);
    }

    @Test
    void groupsHoldMembersAddedAndRemoved() {
        String name = "ops-" + System.nanoTime();
        String group = root("POST", "/auth/groups", "{\"name\":\"" + name + "\"}").assertStatus(200).json()
                .getString("uuid");
        String user = node.createUser("member");
        root("PUT", "/auth/groups/" + group + "/members/" + user, null).assertStatus(204);
        root("PUT", "/auth/groups/" + group + "/members/" + user, null).assertStatus(204);

        JsonObject listed = root("GET", "/auth/groups", null).assertStatus(200).jsonArray().stream()
                .map(g -> g.asJsonObject()).filter(g -> g.getString("uuid").equals(group)).findFirst().orElseThrow();
        assertEquals(name, listed.getString("name"));
        assertEquals(List.of(user), listed.getJsonArray("members").getValuesAs(JsonString::getString));
        assertEquals(List.of(group), root("GET", "/auth/users/" + user, null).json().getJsonArray("groups")
                .getValuesAs(JsonString::getString));

        root("DELETE", "/auth/groups/" + group + "/members/" + user, null).assertStatus(204);
        root("DELETE", "/auth/groups/" + group + "/members/" + user, null).assertError(404);
        assertTrue(root("GET", "/auth/groups/" + group, null).json().getJsonArray("members").isEmpty());
    }

    @Test
    void groupErrors() {
        String name = "dup-" + System.nanoTime();
        root("POST", "/auth/groups", "{\"name\":\"" + name + "\"}").assertStatus(200);
        root("POST", "/auth/groups", "{\"name\":\"" + name + "\"}").assertError(409);
        root("POST", "/auth/groups", "{}").assertError(400);
        String user = node.createUser("x");
        root("PUT", "/auth/groups/" + UUID.randomUUID() + "/members/" + user, null).assertError(404);
        String group = root("POST", "/auth/groups", "{\"name\":\"g-" + System.nanoTime() + "\"}").json().getString("uuid");
        root("PUT", "/auth/groups/" + group + "/members/" + UUID.randomUUID(), null).assertError(404);
        root("PUT", "/auth/groups/" + group + "/members/bad", null).assertError(400);
    }

    @Test
    void deletedGroupDisappears() {
        String group = root("POST", "/auth/groups", "{\"name\":\"gone-" + System.nanoTime() + "\"}").json().getString("uuid");
        root("DELETE", "/auth/groups/" + group, null).assertStatus(204);
        root("GET", "/auth/groups/" + group, null).assertError(404);
        assertFalse(root("GET", "/auth/groups", null).text().contains(group));
    }

    @Test
    void wrongMediaTypeIs415() {
        node.api().send("POST", "/auth/users", java.net.http.HttpRequest.BodyPublishers.ofString("{\"nickname\":\"x\"}"),
                "Authorization", "Bearer " + node.rootToken(), "Content-Type", "text/plain").assertError(415);
    }
}
