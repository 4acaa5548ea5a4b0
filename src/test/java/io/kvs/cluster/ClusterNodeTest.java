package io.kvs.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.AuthService;
import io.kvs.cluster.membership.MemberEntry;
import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.membership.MemberStatus;
import io.kvs.cluster.sync.KeyVersion;
import io.kvs.cluster.sync.MerkleTree;
import io.kvs.cluster.sync.NodeHash;
import io.kvs.cluster.transport.NodeSigning;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.node.NodeIdentity;
import io.kvs.node.NodeMode;
import io.kvs.node.StoreLifecycle;
import io.kvs.refusals.UnknownResourceException;
import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterNodeTest {

    private static final NodeIdentity IDENTITY = new NodeIdentity("node-a", 1_000L);

    @TempDir
    Path dataDir;

    private Store store;

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aStandaloneNodeHasNoClusterLink() throws IOException {
        ClusterNode node = standalone("");

        assertTrue(node.link().isEmpty());
        assertThrows(UnknownResourceException.class, node::requireClustered);
        assertThrows(UnknownResourceException.class, node::leave);
        assertDoesNotThrow(node::stop);
    }

    @Test
    void aStandaloneNodeReplicatesAndRepairsNothing() throws IOException {
        ClusterNode node = standalone("");
        write("a", "1");

        assertEquals(0, node.replicationQueueDepth());
        assertEquals(0, node.replicationDropped());
        assertEquals(0, node.antiEntropyRounds());
        assertEquals(0, node.keysRepaired());
    }

    @Test
    void theMembersOfAStandaloneNodeAreItselfAlone() throws IOException {
        ClusterNode node = standalone("");

        List<MemberEntry> members = node.members().inCluster();

        assertEquals(1, members.size());
        MemberState self = members.get(0).member();
        assertEquals(node.members().self(), self);
        assertEquals("node-a", self.id());
        assertEquals("127.0.0.1:8080", self.address());
        assertEquals(MemberStatus.ALIVE, self.status());
        assertEquals(IDENTITY.joinedTimestamp(), self.joinedTimestamp());
        assertEquals(1, node.members().aliveCount());
        assertTrue(node.members().peers(member -> true).isEmpty());
        assertEquals(Optional.of("127.0.0.1:8080"), node.addressOf("node-a"));
        assertEquals(Optional.empty(), node.addressOf("node-b"));
    }

    @Test
    void anIpv6BindAddressIsAdvertisedInBrackets() throws IOException {
        ClusterNode node = standalone("bind_address: \"::1\"\nport: 9000\n");

        assertEquals("[::1]:9000", node.members().self().address());
    }

    @Test
    void theTreeIsBuiltOnFirstUseOverTheKeysAlreadyInTheStore() throws IOException {
        openStore("");
        StoredValue a = write("a", "1");
        write("b", "2");
        StoredValue deleted = store.delete("b", Precondition.NONE).join();
        ClusterNode node = started(config(""));
        StoredValue c = write("c", "3");

        MerkleTree tree = node.tree();

        assertEquals(3, tree.keyCount());
        assertEquals(KeyVersion.of(a), tree.get("a"));
        assertEquals(KeyVersion.of(deleted), tree.get("b"));
        assertTrue(tree.get("b").tombstone());
        assertEquals(KeyVersion.of(c), tree.get("c"));
    }

    @Test
    void theTreeFollowsWritesOnceBuilt() throws IOException {
        ClusterNode node = standalone("");
        write("a", "1");
        MerkleTree tree = node.tree();
        NodeHash before = tree.root();

        StoredValue d = write("d", "4");
        StoredValue deleted = store.delete("a", Precondition.NONE).join();

        assertSame(tree, node.tree());
        assertEquals(2, node.tree().keyCount());
        assertEquals(KeyVersion.of(d), tree.get("d"));
        assertEquals(KeyVersion.of(deleted), tree.get("a"));
        assertNotEquals(before.hash(), tree.root().hash());
    }

    @Test
    void localVersionIsTheLiveValueWithItsData() throws IOException {
        ClusterNode node = standalone("");
        StoredValue written = write("a", "1");

        StoredValue local = node.localVersion("a").orElseThrow();

        assertEquals(written.version(), local.version());
        assertArrayEquals(json("1"), local.data());
    }

    @Test
    void localVersionOfADeletedKeyIsItsTombstoneWithoutData() throws IOException {
        ClusterNode node = standalone("");
        write("a", "1");
        StoredValue tombstone = store.delete("a", Precondition.NONE).join();

        StoredValue local = node.localVersion("a").orElseThrow();

        assertTrue(local.tombstone());
        assertEquals(tombstone.version(), local.version());
        assertNull(local.data());
    }

    @Test
    void localVersionIsAbsentForAKeyNeverWrittenOrExpired() throws IOException {
        ClusterNode node = standalone("");
        store.put("expired", json("1"), 1, Precondition.NONE).join();

        assertEquals(Optional.empty(), node.localVersion("never"));
        assertEquals(Optional.empty(), node.localVersion("expired"));
    }

    private ClusterNode standalone(String yaml) throws IOException {
        openStore(yaml);
        return started(config(yaml));
    }

    /** Standalone, the node never schedules nor starts a thread: it gets neither. */
    private ClusterNode started(KvsConfig config) {
        ClusterNode node = new ClusterNode(config, IDENTITY, store, new NodeMode(config),
                new NodeSigning(new AuthService(config, store)), null, null);
        node.start();
        return node;
    }

    private void openStore(String yaml) throws IOException {
        store = Store.open(StoreLifecycle.settings(config(yaml), IDENTITY), Thread::new);
    }

    private KvsConfig config(String yaml) {
        return ConfigLoader.parse("node_id: \"node-a\"\ndata_dir: \"" + dataDir + "\"\nindex_capacity: 10000\n"
                + "durability: \"async\"\nclustering_enabled: false\nauth_enabled: false\n" + yaml);
    }

    private StoredValue write(String key, String json) {
        return store.put(key, json(json), 0, Precondition.NONE).join();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
