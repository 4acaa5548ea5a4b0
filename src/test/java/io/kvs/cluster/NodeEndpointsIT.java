package io.kvs.cluster;

import io.kvs.auth.AuthNode;
import io.kvs.cluster.replication.VersionCodec;
import io.kvs.cluster.sync.MerkleTree;
import io.kvs.cluster.transport.ClusterJson;
import io.kvs.cluster.transport.NodeBodyLimits;
import io.kvs.cluster.transport.NodeClient;
import io.kvs.cluster.transport.RequestSignature;
import io.kvs.cluster.transport.RequestSigner;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import io.kvs.testing.Api;
import io.kvs.testing.Reply;
import jakarta.json.JsonArray;
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

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster's HTTP surface on one auth-enabled, clustered node that is the first of its cluster (SPEC §3, §4):
 * public member list, node-to-node endpoints that take only requests signed with the cluster secret, versions
 * pushed by a "peer" (this test, holding the secret) applied only when they win, {@code /sync/status}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NodeEndpointsIT {

    private static final String CONTAINER = "auth";
    private static final String PEER = "peer-it";

    @ArquillianResource
    private URL deployment;

    private AuthNode node;
    private RequestSigner peerSigner;

    @Deployment(testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive deployment() {
        return AuthNode.war(CONTAINER, Map.of("clustering_enabled", "true", "sync_interval", "1"));
    }

    @BeforeEach
    void setUp() {
        node = new AuthNode(new Api(deployment), CONTAINER);
        peerSigner = new RequestSigner(node.clusterSecret().deriveKey(RequestSigner.KEY_PURPOSE),
                Duration.ofSeconds(30), System::currentTimeMillis);
    }

    @Test
    void membersAreListedWithoutAToken() {
        JsonArray members = node.api().get("/members/").assertStatus(200).assertJson().jsonArray();
        assertEquals(1, members.size());
        JsonObject self = members.getJsonObject(0);
        assertEquals("it-auth", self.getString("id"));
        assertEquals("alive", self.getString("status"));
        assertTrue(self.getJsonNumber("joined_timestamp").longValue() > 0);
        assertEquals("normal", node.api().get("/health").json().getString("mode"), "a first node does not sync");
    }

    @Test
    void nodeToNodeEndpointsRefuseUnsignedForgedAndStaleRequests() {
        node.api().get("/sync/merkle/root").assertError(401);
        node.api().send("POST", "/members/gossip", BodyPublishers.ofString("{}"), "Content-Type", "application/json")
                .assertError(401);
        node.api().send("POST", "/sync/versions/unknown", BodyPublishers.noBody()).assertError(401);
        RequestSigner stranger = new RequestSigner(new byte[32], Duration.ofSeconds(30), System::currentTimeMillis);
        signed(stranger, "GET", "/sync/merkle/root", null, null).assertError(401);
        RequestSigner slowClock = new RequestSigner(node.clusterSecret().deriveKey(RequestSigner.KEY_PURPOSE),
                Duration.ofSeconds(30), () -> System.currentTimeMillis() - 60_000);
        signed(slowClock, "GET", "/sync/merkle/root", null, null).assertError(401);
        RequestSignature valid = peerSigner.sign(PEER, "GET", "/sync/merkle/root", new byte[0]);
        node.api().send("GET", "/sync/merkle/root?tampered", BodyPublishers.noBody(),
                RequestSignature.NODE_HEADER, valid.nodeId(), RequestSignature.TIMESTAMP_HEADER, valid.timestamp(),
                RequestSignature.BODY_DIGEST_HEADER, valid.bodyDigest(),
                RequestSignature.SIGNATURE_HEADER, valid.signature()).assertError(401);
    }

    @Test
    void aBodyOtherThanTheSignedOneIsRefused() {
        byte[] signedBody = ClusterJson.strings("keys", List.of("a"));
        RequestSignature signature = peerSigner.sign(PEER, "POST", "/sync/versions/fetch", signedBody);
        Reply swapped = node.api().send("POST", "/sync/versions/fetch",
                BodyPublishers.ofByteArray(ClusterJson.strings("keys", List.of("b"))),
                RequestSignature.NODE_HEADER, signature.nodeId(), RequestSignature.TIMESTAMP_HEADER,
                signature.timestamp(), RequestSignature.BODY_DIGEST_HEADER, signature.bodyDigest(),
                RequestSignature.SIGNATURE_HEADER, signature.signature(), "Content-Type", NodeClient.JSON);
        assertEquals("node request body does not match its signed digest", swapped.assertError(401)
                .json().getString("error"));
    }

    @Test
    void aSignedBodyOverItsPathsCapIsRefusedBeforeItIsRead() {
        byte[] huge = new byte[NodeBodyLimits.SMALL_BODY_BYTES + 1];
        assertEquals(413, signed(peerSigner, "POST", "/members/gossip", huge, NodeClient.JSON).status());
    }

    @Test
    void refusedNodeRequestsAreCountedInTheMetrics() {
        node.api().get("/sync/merkle/root").assertError(401);
        String metrics = node.api().get("/metrics", "Accept", "text/plain").assertStatus(200).text();
        assertTrue(metrics.contains("kvs_node_auth_failures_total"), "kvs_node_auth_failures missing");
    }

    @Test
    void aPushedVersionIsAppliedOnlyWhileItWins() throws IOException {
        String key = "cluster-it/pushed-" + System.nanoTime();
        long now = System.currentTimeMillis();
        StoredValue newer = version(key, now + 1_000, "{\"v\":\"newer\"}");
        StoredValue older = version(key, now, "{\"v\":\"older\"}");
        JsonObject first = push(List.of(newer)).assertStatus(200).json();
        assertEquals(1, first.getInt("applied"));
        JsonObject second = push(List.of(older, newer)).assertStatus(200).json();
        assertEquals(0, second.getInt("applied"), "an older version and a repeat change nothing");
        assertEquals("newer", node.asRoot("GET", "/kv/" + key, null).assertStatus(200).json()
                .getJsonObject("data").getString("v"));

        byte[] fetched = signed(peerSigner, "POST", "/sync/versions/fetch",
                ClusterJson.strings("keys", List.of(key, key + "-absent")), NodeClient.JSON).assertStatus(200).body();
        List<StoredValue> versions = VersionCodec.fromBytes(fetched, 10, 1 << 20);
        assertEquals(1, versions.size());
        assertEquals(newer.version(), versions.get(0).version());
        assertEquals("{\"v\":\"newer\"}", new String(versions.get(0).data(), StandardCharsets.UTF_8));
    }

    @Test
    void theTreeCanBeWalkedFromRootToLeafEntries() {
        String key = "cluster-it/walked-" + System.nanoTime();
        node.asRoot("PUT", "/kv/" + key, "{\"walk\":true}").assertStatus(200);
        JsonObject root = ok(signed(peerSigner, "GET", "/sync/merkle/root", null, null));
        assertTrue(root.getJsonNumber("key_count").longValue() >= 1);
        assertEquals(32, root.getString("hash").length());
        String leaf = MerkleTree.leafPath(key);
        JsonArray children = ok(signed(peerSigner, "POST", "/sync/merkle/children",
                ClusterJson.strings("paths", List.of("", leaf.substring(0, 3))), NodeClient.JSON))
                .getJsonArray("nodes");
        assertEquals(32, children.size(), "16 children of each of the two parents");
        JsonArray entries = ok(signed(peerSigner, "POST", "/sync/merkle/entries",
                ClusterJson.strings("paths", List.of(leaf)), NodeClient.JSON)).getJsonArray("entries");
        assertTrue(entries.stream().anyMatch(e -> e.asJsonObject().getString("key").equals(key)), entries::toString);
    }

    @Test
    void malformedNodeRequestsGet400() {
        signed(peerSigner, "POST", "/sync/merkle/children", "{\"paths\":[\"xyz\"]}".getBytes(StandardCharsets.UTF_8),
                NodeClient.JSON).assertError(400);
        signed(peerSigner, "POST", "/sync/merkle/children", "{\"paths\":[\"abcd\"]}".getBytes(StandardCharsets.UTF_8),
                NodeClient.JSON).assertError(400);
        signed(peerSigner, "POST", "/sync/merkle/entries", "{\"paths\":[\"ab\"]}".getBytes(StandardCharsets.UTF_8),
                NodeClient.JSON).assertError(400);
        signed(peerSigner, "POST", "/sync/versions/fetch", "[1,2]".getBytes(StandardCharsets.UTF_8), NodeClient.JSON)
                .assertError(400);
        signed(peerSigner, "POST", "/sync/versions", new byte[] {1, 0, 0, 0, 5}, VersionCodec.MEDIA_TYPE)
                .assertError(400);
        signed(peerSigner, "POST", "/members/gossip", "{\"from\":1}".getBytes(StandardCharsets.UTF_8),
                NodeClient.JSON).assertError(400);
    }

    @Test
    void syncStatusNeedsReadAndShowsAnInSyncLoneNode() {
        node.api().get("/sync/status").assertError(401);
        JsonObject status = node.asRoot("GET", "/sync/status", null).assertStatus(200).assertJson().json();
        assertEquals("it-auth", status.getString("node_id"));
        assertTrue(status.getBoolean("in_sync"));
        assertTrue(status.getJsonArray("peers").isEmpty());
        assertEquals(32, status.getString("root").length());
    }

    @Test
    void leavingNeedsAnAdminToken() {
        node.api().send("POST", "/members/leave", BodyPublishers.noBody()).assertError(401);
    }

    @Test
    void metricsShowTheClusterFigures() {
        String metrics = node.api().get("/metrics", "Accept", "text/plain").assertStatus(200).text();
        for (String figure : List.of("kvs_cluster_members_alive", "kvs_replication_queue_depth",
                "kvs_replication_applied", "kvs_conflicts_resolved", "kvs_anti_entropy_rounds",
                "kvs_anti_entropy_keys_repaired")) {
            assertTrue(metrics.contains(figure), figure + " missing from /metrics");
        }
        assertFalse(metrics.contains("cluster_secret"));
    }

    private Reply push(List<StoredValue> versions) {
        return signed(peerSigner, "POST", "/sync/versions", VersionCodec.toBytes(versions), VersionCodec.MEDIA_TYPE);
    }

    private Reply signed(RequestSigner signer, String method, String path, byte[] body, String contentType) {
        RequestSignature signature = signer.sign(PEER, method, path, body == null ? new byte[0] : body);
        String[] headers = {RequestSignature.NODE_HEADER, signature.nodeId(),
                RequestSignature.TIMESTAMP_HEADER, signature.timestamp(),
                RequestSignature.BODY_DIGEST_HEADER, signature.bodyDigest(),
                RequestSignature.SIGNATURE_HEADER, signature.signature()};
        if (contentType != null) {
            headers = List.of(headers[0], headers[1], headers[2], headers[3], headers[4], headers[5], headers[6],
                    headers[7], "Content-Type", contentType).toArray(String[]::new);
        }
        Reply reply = node.api().send(method, path,
                body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body), headers);
        if (reply.status() / 100 == 2) {
            assertTrue(peerSigner.answerMatches(signature.signature(), reply.status(), reply.body(),
                    reply.header(RequestSignature.ANSWER_SIGNATURE_HEADER)),
                    "every 2xx node-to-node answer is signed for its request: " + method + " " + path);
        }
        return reply;
    }

    private static StoredValue version(String key, long timestamp, String json) {
        return new StoredValue(key, new Version(timestamp, 1L, UUID.randomUUID(), PEER), 0, false,
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject ok(Reply reply) {
        return reply.assertStatus(200).assertJson().json();
    }
}
