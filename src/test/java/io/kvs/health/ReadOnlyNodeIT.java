package io.kvs.health;

import io.kvs.testing.Api;
import io.kvs.testing.KvsDeployment;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node with {@code read_only: true} and revision history off (SPEC §2, §4, §5). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadOnlyNodeIT {

    @ArquillianResource
    private URL deployment;

    private Api api;

    @Deployment(testable = false)
    @TargetsContainer("read-only")
    static WebArchive deployment() {
        return KvsDeployment.war("read-only", Map.of("read_only", "true", "revision_history_enabled", "false"));
    }

    @BeforeEach
    void setUp() {
        api = new Api(deployment);
    }

    @Test
    void healthReportsReadOnlyMode() {
        JsonObject health = api.get("/health").assertStatus(200).assertJson().json();
        assertEquals("ok", health.getString("status"));
        assertEquals("read-only", health.getString("mode"));
        assertEquals(1, health.getInt("member_count"));
        assertEquals("it-read-only", health.getString("node_id"));
    }

    @Test
    void aReadOnlyNodeIsReadyItServesReads() {
        JsonObject ready = api.get("/health/ready").assertStatus(200).assertJson().json();
        assertEquals("ready", ready.getString("status"));
        assertEquals("read-only", ready.getString("mode"));
    }

    @Test
    void putIsRefusedWith403() {
        api.putJson("/kv/ro/a", "{\"x\":1}").assertError(403);
    }

    @Test
    void conditionalPutIsRefusedWith403Too() {
        api.putJson("/kv/ro/a", "1", "If-None-Match", "*").assertError(403);
    }

    @Test
    void deleteIsRefusedWith403() {
        api.delete("/kv/ro/a").assertError(403);
    }

    @Test
    void prefixDeleteIsRefusedWith403LikeEveryDelete() {
        api.delete("/kv/_range?prefix=ro/").assertError(403);
        api.delete("/kv/_range?all=true").assertError(403);
    }

    @Test
    void malformedKeysAreStill400() {
        api.putJson("/kv/ro//a", "1").assertError(400);
    }

    @Test
    void readsStillAnswer() {
        api.get("/kv/ro/a").assertError(404);
        JsonObject page = api.get("/kv/_range").assertStatus(200).json();
        assertEquals(0, page.getJsonArray("items").size());
    }

    @Test
    void historyIsRefusedWhenRevisionHistoryIsDisabled() {
        String error = api.get("/kv/ro/a?history=true").assertError(400).json().getString("error");
        assertTrue(error.contains("revision history"), error);
    }
}
