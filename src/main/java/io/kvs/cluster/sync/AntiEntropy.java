package io.kvs.cluster.sync;

import io.kvs.storage.StoredValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One anti-entropy round with one peer: compare the trees ({@link MerkleDiff}), then pull the peer's versions that
 * win here and push ours that win there, in batches. With nothing different it costs a single root request.
 * Both directions go through "apply only if it wins", so a round racing with writes or with push replication
 * can at worst move a version that was about to arrive anyway.
 */
public final class AntiEntropy {

    /** Data per push request: well under what a peer accepts in one node-to-node body (64 MiB). */
    static final long MAX_PUSH_BYTES = 8L << 20;

    private final MerkleTree tree;
    private final Function<String, Optional<StoredValue>> localCurrent;
    private final Function<StoredValue, CompletableFuture<Boolean>> applyIfNewer;
    private final MerkleDiff diff;
    private final int maxPerRequest;
    private final LongSupplier clock;

    /**
     * @param localCurrent  this node's current version of a key with its data (a tombstone without), absent when
     *                      the key has none or it expired
     * @param applyIfNewer  applies a peer's version here if it wins; completes with whether it did
     * @param maxPerRequest most tree nodes, leaves or versions asked for or sent in one request
     */
    public AntiEntropy(MerkleTree tree, Function<String, Optional<StoredValue>> localCurrent,
                       Function<StoredValue, CompletableFuture<Boolean>> applyIfNewer, int maxPerRequest,
                       LongSupplier clock) {
        this.tree = tree;
        this.localCurrent = localCurrent;
        this.applyIfNewer = applyIfNewer;
        this.diff = new MerkleDiff(tree, maxPerRequest);
        this.maxPerRequest = maxPerRequest;
        this.clock = clock;
    }

    /**
     * Runs one round. Versions written before {@code since} are left for a later round (a joining node fetches
     * recent data first); tombstones written before {@code tombstoneCutoff} are not revived where they are gone.
     */
    public SyncRound syncWith(String peerId, SyncPeer peer, long since, long tombstoneCutoff)
            throws IOException, InterruptedException {
        List<String> leaves = diff.differingLeaves(peer);
        if (leaves.isEmpty()) {
            String root = tree.root().hash();
            return new SyncRound(peerId, root, root, true, 0, 0, clock.getAsLong());
        }
        SyncPlan plan = diff.plan(peer, leaves, tombstoneCutoff);
        int pulled = pull(peer, keysSince(plan.pull(), since));
        int pushed = push(peer, keysSince(plan.push(), since));
        NodeHash theirs = peer.root();
        NodeHash ours = tree.root();
        return new SyncRound(peerId, ours.hash(), theirs.hash(), ours.sameContentAs(theirs), pulled, pushed,
                clock.getAsLong());
    }

    private int pull(SyncPeer peer, List<String> keys) throws IOException, InterruptedException {
        int applied = 0;
        for (List<String> batch : MerkleDiff.batches(keys, maxPerRequest)) {
            List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
            Set<String> asked = new HashSet<>(batch);
            for (StoredValue version : peer.fetch(batch)) {
                // Only what was asked for: an answer must not smuggle in other keys (_auth/*, _meta/*, anything).
                if (asked.remove(version.key())) {
                    outcomes.add(applyIfNewer.apply(version));
                }
            }
            for (CompletableFuture<Boolean> outcome : outcomes) {
                applied += outcome.join() ? 1 : 0;
            }
        }
        return applied;
    }

    /** Sends in requests of at most {@code maxPerRequest} versions and about {@link #MAX_PUSH_BYTES} of data. */
    private int push(SyncPeer peer, List<String> keys) throws IOException, InterruptedException {
        int pushed = 0;
        List<StoredValue> versions = new ArrayList<>();
        long bytes = 0;
        for (String key : keys) {
            Optional<StoredValue> version = localCurrent.apply(key);
            if (version.isEmpty()) {
                continue;
            }
            int size = version.get().data() == null ? 0 : version.get().data().length;
            if (!versions.isEmpty() && (versions.size() == maxPerRequest || bytes + size > MAX_PUSH_BYTES)) {
                peer.push(versions);
                pushed += versions.size();
                versions = new ArrayList<>();
                bytes = 0;
            }
            versions.add(version.get());
            bytes += size;
        }
        if (!versions.isEmpty()) {
            peer.push(versions);
            pushed += versions.size();
        }
        return pushed;
    }

    private static List<String> keysSince(List<KeyVersion> versions, long since) {
        return versions.stream().filter(v -> v.version().timestamp() >= since).map(KeyVersion::key).toList();
    }
}
