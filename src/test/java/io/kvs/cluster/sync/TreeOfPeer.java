package io.kvs.cluster.sync;

import java.util.ArrayList;
import java.util.List;

/** A peer's tree reached without a network, counting what a comparison asks of it. */
class TreeOfPeer implements RemoteTree {

    final MerkleTree tree;
    int requests;
    int nodesSent;
    int largestRequest;

    TreeOfPeer(MerkleTree tree) {
        this.tree = tree;
    }

    @Override
    public NodeHash root() {
        requests++;
        nodesSent++;
        return tree.root();
    }

    @Override
    public List<NodeHash> children(List<String> parents) {
        count(parents);
        List<NodeHash> children = new ArrayList<>();
        parents.forEach(parent -> children.addAll(tree.children(parent)));
        nodesSent += children.size();
        return children;
    }

    @Override
    public List<KeyVersion> entries(List<String> leaves) {
        count(leaves);
        List<KeyVersion> entries = new ArrayList<>();
        leaves.forEach(leaf -> entries.addAll(tree.entries(leaf)));
        return entries;
    }

    private void count(List<String> paths) {
        requests++;
        largestRequest = Math.max(largestRequest, paths.size());
    }
}
