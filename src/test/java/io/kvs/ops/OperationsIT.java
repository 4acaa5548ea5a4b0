package io.kvs.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.audit.HashChain;
import io.kvs.backup.BackupArchive;
import io.kvs.testing.Api;
import io.kvs.testing.KvsDeployment;
import io.kvs.testing.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One node with the operations features on (SPEC §5): the audit chain and its verification against edits on disk,
 * backups on demand, kvs figures at /metrics, the OpenAPI document, and the rate limit, tested last because it
 * leaves this client throttled.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {

    private static final int RATE_LIMIT = 300;
    private static final Path DIR = Path.of(System.getProperty("kvs.buildDir"), "it",
            "ops-" + System.currentTimeMillis());
    private static final Path DATA_DIR = DIR.resolve("data");
    private static final Path BACKUPS = DIR.resolve("backups");
    private static final Path AUDIT_FILE = DATA_DIR.resolve("audit/audit.log");

    @ArquillianResource
    private URL deployment;

    private Api api;

    @Deployment(testable = false)
    @TargetsContainer("ops")
    static WebArchive deployment() {
        return KvsDeployment.war("ops", Map.of(
                "node_id", "\"it-ops\"",
                "data_dir", "\"" + DATA_DIR + "\"",
                "backup_path", "\"" + BACKUPS + "\"",
                "tamper_logging_enabled", "true",
                "rate_limiting_enabled", "true",
                "rate_limit_requests", Integer.toString(RATE_LIMIT),
                "rate_limit_window", "\"10m\""));
    }

    @BeforeEach
    void setUp() {
        api = new Api(deployment);
    }

    private JsonArray auditEntries(String query) {
        return api.get("/audit" + query).assertStatus(200).assertJson().json().getJsonArray("entries");
    }

    private JsonObject lastAuditEntry() {
        JsonArray all = auditEntries("?limit=10000");
        return all.getJsonObject(all.size() - 1);
    }

    /**
     * The last entry once it is the one for {@code action} on {@code key} (null for none): requests are answered before their audit
     * entry is group-committed, so a test that reads the log (or its file) right after a write must wait for it.
     */
    private JsonObject awaitLastAuditEntry(String action, String key) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonObject last = lastAuditEntry();
        while (!(action.equals(last.getString("action")) && Objects.equals(key, last.getString("key", null)))) {
            assertTrue(System.nanoTime() < deadline, "no audit entry for " + action + " " + key + "; last " + last);
            Thread.onSpinWait();
            last = lastAuditEntry();
        }
        return last;
    }

    @Test
    @Order(1)
    void mutatingRequestsAreAuditedWithActorActionKeyAndValueHash() throws IOException {
        String body = "{\"name\":\"audited\"}";
        api.putJson("/kv/audit/a", body).assertStatus(200);
        JsonObject put = awaitLastAuditEntry("PUT /kv", "audit/a");
        assertEquals("PUT /kv", put.getString("action"));
        assertEquals("audit/a", put.getString("key"));
        assertEquals(HashChain.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), put.getString("value_sha256"));
        assertEquals(InetAddress.getByName(deployment.getHost()).getHostAddress(), put.getString("actor"),
                "without a token the actor is the client address");
        assertEquals("it-ops", put.getString("node_id"));
        assertEquals(64, put.getString("hash").length());

        api.delete("/kv/audit/a").assertStatus(204);
        JsonObject delete = awaitLastAuditEntry("DELETE /kv", "audit/a");
        assertEquals("DELETE /kv", delete.getString("action"));
        assertTrue(delete.isNull("value_sha256"));
        assertEquals(put.getJsonNumber("seq").longValue() + 1, delete.getJsonNumber("seq").longValue());
        assertEquals(put.getString("hash"), delete.getString("prev_hash"));

        long before = delete.getJsonNumber("seq").longValue();
        api.get("/kv/audit/a").assertError(404);
        api.putJson("/kv/audit/b", "1", "If-Match", "\"00000000-0000-4000-8000-000000000000\"").assertError(412);
        assertEquals(before, lastAuditEntry().getJsonNumber("seq").longValue(), "reads and refusals change nothing");
    }

    @Test
    @Order(2)
    void aPrefixDeleteIsAuditedAsOneDeleteOfEachKey() {
        api.putJson("/kv/audit/prefix/1", "1").assertStatus(200);
        api.putJson("/kv/audit/prefix/2", "2").assertStatus(200);
        awaitLastAuditEntry("PUT /kv", "audit/prefix/2");
        api.delete("/kv/_range?prefix=audit/prefix/").assertStatus(200);
        awaitLastAuditEntry("DELETE /kv", "audit/prefix/2");
        JsonArray all = auditEntries("?limit=10000");
        JsonObject first = all.getJsonObject(all.size() - 2);
        assertEquals("DELETE /kv", first.getString("action"));
        assertEquals("audit/prefix/1", first.getString("key"));
        assertTrue(first.isNull("value_sha256"));
        assertTrue(all.stream().noneMatch(entry -> entry.asJsonObject().getString("key", "").startsWith("_range")),
                "the request itself is not a key");
    }

    @Test
    @Order(3)
    void auditPagesInSequenceOrder() {
        for (int i = 0; i < 5; i++) {
            api.putJson("/kv/audit/page/" + i, Integer.toString(i)).assertStatus(200);
        }
        JsonObject first = api.get("/audit?since_seq=0&limit=2").assertStatus(200).json();
        JsonArray entries = first.getJsonArray("entries");
        assertEquals(List.of(1L, 2L), List.of(entries.getJsonObject(0).getJsonNumber("seq").longValue(),
                entries.getJsonObject(1).getJsonNumber("seq").longValue()));
        assertEquals(2, first.getJsonNumber("next_since_seq").longValue());
        JsonObject rest = api.get("/audit?since_seq=2&limit=10000").assertStatus(200).json();
        assertEquals(3, rest.getJsonArray("entries").getJsonObject(0).getJsonNumber("seq").longValue());
        assertTrue(rest.isNull("next_since_seq"));

        api.get("/audit?since_seq=-1").assertError(400);
        api.get("/audit?limit=0").assertError(400);
        api.get("/audit?limit=lots").assertError(400);
    }

    @Test
    @Order(4)
    void verifyReportsAnIntactChain() {
        JsonObject verdict = api.get("/audit/verify").assertStatus(200).assertJson().json();
        assertTrue(verdict.getBoolean("valid"));
        assertEquals(auditEntries("?limit=10000").size(), verdict.getJsonNumber("entries").intValue());
        assertTrue(verdict.isNull("first_bad_seq"));
    }

    @Test
    @Order(5)
    void editingDeletingOrReorderingEntriesOnDiskIsDetected() throws IOException {
        for (int i = 0; i < 3; i++) {
            api.putJson("/kv/audit/tamper/" + i, "{\"i\":" + i + "}").assertStatus(200);
        }
        awaitLastAuditEntry("PUT /kv", "audit/tamper/2");
        byte[] original = Files.readAllBytes(AUDIT_FILE);
        try {
            assertTamperDetectedAt(3, lines -> {
                lines.set(2, lines.get(2).replace("PUT", "GET"));
                return lines;
            });
            assertTamperDetectedAt(4, lines -> {
                lines.remove(3);
                return lines;
            });
            assertTamperDetectedAt(2, lines -> {
                Collections.swap(lines, 1, 2);
                return lines;
            });
            assertTamperDetectedAt(5, lines -> {
                lines.set(4, lines.get(4).substring(0, 30));
                return lines;
            });
            assertTamperDetectedAt(lines(original).size(), lines -> lines.subList(0, lines.size() - 1));
        } finally {
            Files.write(AUDIT_FILE, original);
        }
        assertTrue(api.get("/audit/verify").assertStatus(200).json().getBoolean("valid"));
    }

    private void assertTamperDetectedAt(long seq, UnaryOperator<List<String>> edit) throws IOException {
        byte[] original = Files.readAllBytes(AUDIT_FILE);
        List<String> edited = edit.apply(lines(original));
        Files.write(AUDIT_FILE, (String.join("\n", edited) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        JsonObject verdict = api.get("/audit/verify").assertStatus(200).json();
        assertFalse(verdict.getBoolean("valid"));
        assertEquals(seq, verdict.getJsonNumber("first_bad_seq").longValue());
        Files.write(AUDIT_FILE, original);
    }

    private static List<String> lines(byte[] file) {
        return new ArrayList<>(List.of(new String(file, StandardCharsets.ISO_8859_1).split("\n")));
    }

    @Test
    @Order(6)
    void backupNowWritesAnArchiveThatIsListedAndRestores() throws IOException {
        for (int i = 0; i < 20; i++) {
            api.putJson("/kv/backup/k" + i, "{\"i\":" + i + "}").assertStatus(200);
        }
        JsonObject made = api.send("POST", "/admin/backups", BodyPublishers.noBody()).assertStatus(200).json();
        String file = made.getString("file");
        assertTrue(file.matches("kvs-it-ops-\\d{8}-\\d{6}\\.tar\\.zst"), file);
        Path archive = BACKUPS.resolve(file);
        assertEquals(Files.size(archive), made.getJsonNumber("bytes").longValue());
        assertTrue(made.getJsonNumber("keys").longValue() >= 20);
        assertTrue(awaitLastAuditEntry("POST /admin/backups", null).isNull("key"));

        JsonObject listed = api.get("/admin/backups").assertStatus(200).json().getJsonArray("backups")
                .getJsonObject(0);
        assertEquals(file, listed.getString("file"));
        assertEquals(Files.size(archive), listed.getJsonNumber("bytes").longValue());
        assertTrue(Math.abs(System.currentTimeMillis() - listed.getJsonNumber("created_at").longValue()) < 60_000);

        Path restored = DIR.resolve("restored");
        Map<String, String> manifest = BackupArchive.restore(archive, restored);
        assertEquals("it-ops", manifest.get("node_id"));
        assertTrue(Files.isRegularFile(restored.resolve("node-identity.properties")));
        assertTrue(Files.size(restored.resolve("audit/audit.log")) > 0);
        try (var segments = Files.list(restored.resolve("store/log"))) {
            assertTrue(segments.anyMatch(p -> p.toString().endsWith(".seg")));
        }
    }

    @Test
    @Order(7)
    void metricsExposeTheKvsFigures() {
        api.get("/kv/backup/k1").assertStatus(200);
        Reply metrics = api.get("/metrics", "Accept", "text/plain");
        assertEquals(200, metrics.status());
        String text = metrics.text();
        for (String name : List.of("kvs_live_keys", "kvs_log_bytes", "kvs_log_dead_fraction",
                "kvs_reads_per_second", "kvs_writes_per_second", "kvs_reads_total", "kvs_writes_total",
                "kvs_group_commit_batch_size", "kvs_fsync_latency_microseconds", "kvs_rate_limit_rejections_total")) {
            assertTrue(text.contains(name), name + " missing from /metrics:\n" + text.lines()
                    .filter(l -> l.contains("kvs")).toList());
        }
    }

    @Test
    @Order(8)
    void openApiDescribesTheApi() {
        Reply openapi = api.get("/openapi");
        assertEquals(200, openapi.status());
        for (String path : List.of("/kv/{key}:", "/kv/_range:", "/meta/{key}:", "/auth/tokens:", "/health:",
                "/admin/backups:", "/admin/compaction:", "/audit:", "/audit/verify:", "X-RateLimit-Remaining")) {
            assertTrue(openapi.text().contains(path), path + " missing from /openapi");
        }
        assertFalse(openapi.text().contains("{key: .+}"), "the document is kvs's own, not a scan of the classes");
    }

    @Test
    @Order(9)
    void requestsBeyondTheLimitGet429WithRetryAfterAndHealthStaysExempt() {
        Reply first = api.get("/kv/backup/k1").assertStatus(200);
        assertEquals(Integer.toString(RATE_LIMIT), first.header("X-RateLimit-Limit"));
        int remaining = Integer.parseInt(first.header("X-RateLimit-Remaining"));
        Reply second = api.get("/kv/backup/k1").assertStatus(200);
        assertEquals(remaining - 1, Integer.parseInt(second.header("X-RateLimit-Remaining")));

        Reply refused = null;
        for (int i = 0; i <= RATE_LIMIT && refused == null; i++) {
            Reply reply = api.get("/kv/backup/k1");
            if (reply.status() == 429) {
                refused = reply;
            }
        }
        assertNotNull(refused, "no 429 after " + RATE_LIMIT + " requests");
        refused.assertError(429);
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertEquals("0", refused.header("X-RateLimit-Remaining"));
        assertEquals(Integer.toString(RATE_LIMIT), refused.header("X-RateLimit-Limit"));
        api.get("/health").assertStatus(200);
        assertEquals(null, api.get("/health").header("X-RateLimit-Limit"));
    }
}
