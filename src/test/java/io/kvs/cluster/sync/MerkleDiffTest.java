package io.kvs.cluster.sync;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.kvs.cluster.sync.MerkleTreeTest.treeOf;
import static io.kvs.cluster.sync.Versions.tombstone;
import static io.kvs.cluster.sync.Versions.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MerkleDiffTest {

    private static final long NO_CUTOFF = Long.MIN_VALUE;

    private final List<KeyVersion> common = commonVersions(10_000);

    @Test
    void equalTreesCostOneRequestAndLeaveNothingToDo() throws Exception {
        TreeOfPeer peer = new TreeOfPeer(treeOf(common));
        MerkleDiff diff = new MerkleDiff(treeOf(common), 64);

        List<String> leaves = diff.differingLeaves(peer);

        assertEquals(List.of(), leaves);
        assertTrue(diff.plan(peer, leaves, NO_CUTOFF).isEmpty());
        assertEquals(1, peer.requests);
    }

    @Test
    void oneDifferingKeyIsFoundByDescendingOnlyItsPath() throws Exception {
        MerkleTree theirs = treeOf(common);
        theirs.update(value("doc/42", 500));
        TreeOfPeer peer = new TreeOfPeer(theirs);
        MerkleDiff diff = new MerkleDiff(treeOf(common), 64);

        List<String> leaves = diff.differingLeaves(peer);
        SyncPlan plan = diff.plan(peer, leaves, NO_CUTOFF);

        assertEquals(List.of(MerkleTree.leafPath("doc/42")), leaves);
        assertEquals(List.of(value("doc/42", 500)), plan.pull());
        assertEquals(List.of(), plan.push());
        assertEquals(1 + MerkleTree.DEPTH + 1, peer.requests, "root, one request per level, one for the leaf");
        assertEquals(1 + MerkleTree.DEPTH * MerkleTree.FANOUT, peer.nodesSent);
    }

    @Test
    void eachSideMovesTheVersionsTheOtherLacksOrLoses() throws Exception {
        MerkleTree ours = treeOf(common);
        MerkleTree theirs = treeOf(common);
        ours.update(value("only/ours", 1));
        theirs.update(value("only/theirs", 1));
        ours.update(value("doc/1", 200));
        theirs.update(tombstone("doc/2", 300));
        theirs.update(value("doc/3", 150));
        ours.update(tombstone("doc/3", 160));

        SyncPlan plan = planAgainst(ours, theirs);
        SyncPlan mirrored = planAgainst(theirs, ours);

        assertEquals(keys("only/theirs", "doc/2"), sortedKeys(plan.pull()));
        assertEquals(keys("only/ours", "doc/1", "doc/3"), sortedKeys(plan.push()));
        assertEquals(plan.pull(), mirrored.push());
        assertEquals(plan.push(), mirrored.pull());
    }

    @Test
    void differingLeavesAreAskedForInBoundedBatches() throws Exception {
        MerkleTree theirs = treeOf(common);
        for (int i = 0; i < 300; i++) {
            theirs.update(value("extra/" + i, 1));
        }
        TreeOfPeer peer = new TreeOfPeer(theirs);
        MerkleDiff diff = new MerkleDiff(treeOf(common), 50);

        List<String> leaves = diff.differingLeaves(peer);
        SyncPlan plan = diff.plan(peer, leaves, NO_CUTOFF);

        assertEquals(300, plan.pull().size());
        assertTrue(peer.largestRequest <= 50, "largest request " + peer.largestRequest);
    }

    @Test
    void aPeerAnsweringTheWrongNodesIsRefused() {
        MerkleTree theirs = treeOf(common);
        theirs.update(value("doc/42", 500));
        RemoteTree liar = new TreeOfPeer(theirs) {
            @Override
            public List<NodeHash> children(List<String> parents) {
                return super.children(parents).subList(1, parents.size() * MerkleTree.FANOUT);
            }
        };

        assertThrows(IOException.class, () -> new MerkleDiff(treeOf(common), 64).differingLeaves(liar));
    }

    @Test
    void batchSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new MerkleDiff(new MerkleTree(), 0));
    }

    private static SyncPlan planAgainst(MerkleTree ours, MerkleTree theirs) throws Exception {
        TreeOfPeer peer = new TreeOfPeer(theirs);
        MerkleDiff diff = new MerkleDiff(ours, 64);
        return diff.plan(peer, diff.differingLeaves(peer), NO_CUTOFF);
    }

    private static List<String> sortedKeys(List<KeyVersion> versions) {
        return versions.stream().map(KeyVersion::key).sorted().toList();
    }

    private static List<String> keys(String... keys) {
        return List.of(keys).stream().sorted().toList();
    }

    private static List<KeyVersion> commonVersions(int count) {
        List<KeyVersion> versions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            versions.add(value("doc/" + i, 100));
        }
        return versions;
    }
}
