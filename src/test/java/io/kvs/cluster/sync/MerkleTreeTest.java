package io.kvs.cluster.sync;

import io.kvs.storage.StoredValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.kvs.cluster.sync.Versions.tombstone;
import static io.kvs.cluster.sync.Versions.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MerkleTreeTest {

    private static final String ZERO = "0".repeat(32);

    @Test
    void emptyTreeHasZeroRootAndNoKeys() {
        MerkleTree tree = new MerkleTree();
        assertEquals(new NodeHash("", ZERO, 0), tree.root());
        assertEquals(0, tree.keyCount());
    }

    @Test
    void rootIsIndependentOfInsertionOrder() {
        List<KeyVersion> versions = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            versions.add(i % 7 == 0 ? tombstone("k" + i, i) : value("k" + i, i));
        }
        MerkleTree forward = treeOf(versions);
        Collections.shuffle(versions, new Random(42));
        MerkleTree shuffled = treeOf(versions);

        assertEquals(forward.root(), shuffled.root());
        assertEquals(500, shuffled.keyCount());
        assertNotEquals(ZERO, forward.root().hash());
    }

    @Test
    void incrementalUpdatesEqualTreeBuiltFromFinalVersions() {
        Random random = new Random(7);
        MerkleTree incremental = new MerkleTree();
        Map<String, KeyVersion> latest = new HashMap<>();
        for (long ts = 1; ts <= 5_000; ts++) {
            String key = "key/" + random.nextInt(800);
            KeyVersion next = random.nextInt(5) == 0 ? tombstone(key, ts) : value(key, ts);
            incremental.update(next);
            latest.put(key, next);
        }
        MerkleTree rebuilt = treeOf(latest.values());

        assertEquals(rebuilt.root(), incremental.root());
        assertEquals(latest.size(), incremental.keyCount());
        for (NodeHash a : rebuilt.children("")) {
            for (NodeHash b : rebuilt.children(a.path())) {
                for (NodeHash c : rebuilt.children(b.path())) {
                    assertEquals(rebuilt.children(c.path()), incremental.children(c.path()), c.path());
                }
            }
        }
    }

    @Test
    void treesDifferingInOneKeyDifferInExactlyOneLeafPath() {
        List<KeyVersion> common = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            common.add(value("doc/" + i, 100));
        }
        MerkleTree ours = treeOf(common);
        MerkleTree theirs = treeOf(common);
        theirs.update(value("doc/1234", 200));
        String leaf = MerkleTree.leafPath("doc/1234");

        String parent = "";
        for (int level = 0; level < MerkleTree.DEPTH; level++) {
            List<String> differing = new ArrayList<>();
            List<NodeHash> a = ours.children(parent);
            List<NodeHash> b = theirs.children(parent);
            for (int i = 0; i < MerkleTree.FANOUT; i++) {
                if (!a.get(i).sameContentAs(b.get(i))) {
                    differing.add(a.get(i).path());
                }
            }
            assertEquals(List.of(leaf.substring(0, level + 1)), differing);
            parent = differing.get(0);
        }
    }

    @Test
    void aVersionThatLosesToTheHeldOneIsIgnored() {
        MerkleTree tree = new MerkleTree();
        tree.update(value("a", 20));
        NodeHash before = tree.root();

        tree.update(value("a", 10));
        tree.update(value("a", 20));

        assertEquals(before, tree.root());
        assertEquals(20, tree.get("a").version().timestamp());
    }

    @Test
    void deletingAKeyChangesItsHashAndKeepsItCounted() {
        MerkleTree tree = new MerkleTree();
        tree.update(value("a", 1));
        NodeHash live = tree.root();

        tree.update(tombstone("a", 2));

        assertNotEquals(live.hash(), tree.root().hash());
        assertEquals(1, tree.keyCount());
        assertTrue(tree.get("a").tombstone());
    }

    @Test
    void removingTheOnlyKeyRestoresTheEmptyTree() {
        MerkleTree tree = new MerkleTree();
        tree.update(value("a", 1));

        assertTrue(tree.remove("a"));
        assertFalse(tree.remove("a"));

        assertEquals(new MerkleTree().root(), tree.root());
        assertNull(tree.get("a"));
    }

    @Test
    void sweepForgetsOnlyTombstonesOlderThanTheCutoff() {
        MerkleTree tree = treeOf(List.of(tombstone("old", 10), tombstone("recent", 50), value("live", 5)));

        assertEquals(1, tree.removeTombstonesBefore(20));

        assertEquals(treeOf(List.of(tombstone("recent", 50), value("live", 5))).root(), tree.root());
    }

    @Test
    void leafEntriesAreListedInKeyOrderAndMatchTheLeafPath() {
        MerkleTree tree = new MerkleTree();
        List<String> sameLeaf = new ArrayList<>();
        String leaf = MerkleTree.leafPath("k0");
        for (int i = 0; sameLeaf.size() < 2; i++) {
            if (MerkleTree.leafPath("k" + i).equals(leaf)) {
                sameLeaf.add("k" + i);
            }
        }
        for (int i = sameLeaf.size() - 1; i >= 0; i--) {
            tree.update(value(sameLeaf.get(i), 1));
        }

        List<String> listed = tree.entries(leaf).stream().map(KeyVersion::key).toList();
        assertEquals(sameLeaf.stream().sorted().toList(), listed);
        assertEquals(2, tree.node(leaf).keyCount());
    }

    @Test
    void storeNotificationsUpdateTheTree() {
        MerkleTree tree = new MerkleTree();
        KeyVersion v = value("a", 3);

        tree.applied(null, new StoredValue("a", v.version(), 0, false, new byte[]{'1'}));

        assertEquals(treeOf(List.of(v)).root(), tree.root());
    }

    @Test
    void pathsAreLowerCaseHexUpToTheDepth() {
        MerkleTree tree = new MerkleTree();
        assertEquals(List.of("a0", "a1"), tree.children("a").subList(0, 2).stream().map(NodeHash::path).toList());
        assertTrue(MerkleTree.leafPath("anything").matches("[0-9a-f]{4}"));
        assertTrue(MerkleTree.isValidPath(""));
        for (String bad : new String[]{"A", "g", "12345", "-1", " "}) {
            assertFalse(MerkleTree.isValidPath(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> tree.node(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> tree.children("abcd"));
        assertThrows(IllegalArgumentException.class, () -> tree.entries("abc"));
    }

    static MerkleTree treeOf(Iterable<KeyVersion> versions) {
        MerkleTree tree = new MerkleTree();
        versions.forEach(tree::update);
        return tree;
    }
}
