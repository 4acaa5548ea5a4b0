package io.kvs.cluster.transport;

import io.kvs.cluster.replication.VersionCodec;
import io.kvs.cluster.sync.Replica;
import io.kvs.cluster.sync.SyncPeer;
import io.kvs.cluster.sync.SyncRound;
import io.kvs.cluster.transport.StubNode.Answer;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anti-entropy between two in-memory replicas over real HTTP, the serving side answering as a node does. */
class HttpSyncPeerTest {

    private final Replica local = new Replica("a", 100);
    private final Replica remote = new Replica("b", 200);
    private final StubNode server = serve(remote, new StubNode(18691));
    private final NodeClient client = new NodeClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "a", null);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRoundOverHttpMakesBothReplicasIdentical() throws Exception {
        for (int i = 0; i < 500; i++) {
            (i % 2 == 0 ? local : remote).write("k" + i, i, "{\"i\":" + i + "}");
        }
        remote.delete("k0", 1_000);

        SyncRound round = local.antiEntropy().syncWith("b", peer(Duration.ZERO), Long.MIN_VALUE, Long.MIN_VALUE);

        assertTrue(round.equal(), round.toString());
        assertEquals(local.tree.root(), remote.tree.root());
        assertTrue(local.data.get("k0").tombstone());
    }

    @Test
    void oneDifferentKeyAmongAHundredThousandCostsAFewKilobytes() throws Exception {
        for (int i = 0; i < 100_000; i++) {
            StoredValue same = new StoredValue("doc/" + i, new Version(5, 100, UUID.randomUUID(), "a"), 0, false,
                    ("{\"n\":" + i + "}").getBytes());
            local.applyIfNewer(same);
            remote.applyIfNewer(same);
        }
        remote.write("doc/31337", 6, "{\"n\":\"changed\"}");
        server.resetCounters();

        SyncRound round = local.antiEntropy().syncWith("b", peer(Duration.ZERO), Long.MIN_VALUE, Long.MIN_VALUE);

        assertEquals(1, round.pulled());
        System.out.printf("anti-entropy round, 1 of 100,000 keys different: %d requests, %d body bytes%n",
                server.received.size(), server.bytesOnTheWire());
        assertTrue(server.bytesOnTheWire() < 16_384, server.bytesOnTheWire() + " bytes");
    }

    @Test
    void anAnswerThisNodeCannotReadIsAFailedRound() {
        server.on(HttpSyncPeer.ROOT_PATH, r -> Answer.ok("{\"hash\":1}".getBytes()));

        assertThrows(IOException.class, () -> peer(Duration.ZERO).root());
    }

    @Test
    void treeRequestsWaitTheThrottleDelay() throws Exception {
        long start = System.nanoTime();

        peer(Duration.ofMillis(150)).root();

        assertTrue(System.nanoTime() - start >= 150_000_000L);
    }

    private SyncPeer peer(Duration throttle) {
        return new HttpSyncPeer(client, server.address(), Duration.ofSeconds(5), throttle, throttle, 10_000,
                1 << 20);
    }

    /** What the node's /sync resources do, on an in-memory replica. */
    private static StubNode serve(Replica replica, StubNode node) {
        return node
                .on(HttpSyncPeer.ROOT_PATH, r -> Answer.ok(ClusterJson.root(replica.tree.root())))
                .on(HttpSyncPeer.CHILDREN_PATH, r -> Answer.ok(ClusterJson.nodes(
                        ClusterJson.strings("paths", r.body()).stream()
                                .flatMap(p -> replica.tree.children(p).stream()).toList())))
                .on(HttpSyncPeer.ENTRIES_PATH, r -> Answer.ok(ClusterJson.entries(
                        ClusterJson.strings("paths", r.body()).stream()
                                .flatMap(p -> replica.tree.entries(p).stream()).toList())))
                .on(HttpSyncPeer.FETCH_PATH, r -> Answer.ok(VersionCodec.toBytes(
                        ClusterJson.strings("keys", r.body()).stream().map(replica.data::get)
                                .filter(Objects::nonNull).toList())))
                .on("/sync/versions", r -> {
                    try {
                        VersionCodec.fromBytes(r.body(), 10_000, 1 << 20).forEach(replica::applyIfNewer);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new Answer(204, new byte[0], 0);
                });
    }

}
