package io.kvs.cluster.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the local {@link MerkleTree} with a peer's: roots first, then level by level only below the nodes that
 * differ, so the requests and bytes grow with the number of differences, not with the data. Each level costs one
 * request per {@code maxPerRequest} differing nodes.
 */
public final class MerkleDiff {

    private final MerkleTree local;
    private final int maxPerRequest;

    public MerkleDiff(MerkleTree local, int maxPerRequest) {
        if (maxPerRequest < 1) {
            throw new IllegalArgumentException("maxPerRequest must be at least 1");
        }
        this.local = local;
        this.maxPerRequest = maxPerRequest;
    }

    /** Paths of the leaves whose content differs from the peer's, in path order; empty when the roots agree. */
    public List<String> differingLeaves(RemoteTree remote) throws IOException, InterruptedException {
        if (local.root().sameContentAs(remote.root())) {
            return List.of();
        }
        List<String> differing = List.of("");
        for (int level = 0; level < MerkleTree.DEPTH; level++) {
            List<String> next = new ArrayList<>();
            for (List<String> parents : batches(differing, maxPerRequest)) {
                next.addAll(differingChildren(parents, remote.children(parents)));
            }
            differing = next;
        }
        return differing;
    }

    /** Which versions of the keys in {@code leaves} to pull from the peer and which to push to it. */
    public SyncPlan plan(RemoteTree remote, List<String> leaves, long tombstoneCutoff)
            throws IOException, InterruptedException {
        SyncPlan plan = SyncPlan.NOTHING;
        for (List<String> batch : batches(leaves, maxPerRequest)) {
            List<KeyVersion> ours = new ArrayList<>();
            batch.forEach(leaf -> ours.addAll(local.entries(leaf)));
            plan = plan.plus(SyncPlan.between(ours, remote.entries(batch), tombstoneCutoff));
        }
        return plan;
    }

    private List<String> differingChildren(List<String> parents, List<NodeHash> theirs) throws IOException {
        if (theirs.size() != parents.size() * MerkleTree.FANOUT) {
            throw new IOException("peer sent " + theirs.size() + " children for " + parents.size() + " nodes");
        }
        List<String> differing = new ArrayList<>();
        int i = 0;
        for (String parent : parents) {
            for (NodeHash ours : local.children(parent)) {
                NodeHash their = theirs.get(i++);
                if (!their.path().equals(ours.path())) {
                    throw new IOException("peer sent node " + their.path() + " where " + ours.path() + " belongs");
                }
                if (!ours.sameContentAs(their)) {
                    differing.add(ours.path());
                }
            }
        }
        return differing;
    }

    /** Consecutive slices of {@code items} of at most {@code size} each: one request each. */
    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }
}
