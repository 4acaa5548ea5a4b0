package io.kvs.cluster.sync;

import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import io.kvs.storage.VersionOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A node's data without a disk, for the sync tests and the HTTP transport's: current versions by key, applied only
 * if they win, with the Merkle tree kept up to date as the real store's listener does. Reachable as a
 * {@link SyncPeer} that counts the requests it serves.
 */
public final class Replica {

    public final String nodeId;
    public final long joinedTimestamp;
    public final Map<String, StoredValue> data = new TreeMap<>();
    public final MerkleTree tree = new MerkleTree();
    public int requests;

    public Replica(String nodeId, long joinedTimestamp) {
        this.nodeId = nodeId;
        this.joinedTimestamp = joinedTimestamp;
    }

    public void write(String key, long timestamp, String json) {
        applyIfNewer(new StoredValue(key, version(timestamp), 0, false, json.getBytes()));
    }

    public void delete(String key, long timestamp) {
        applyIfNewer(new StoredValue(key, version(timestamp), 0, true, null));
    }

    public CompletableFuture<Boolean> applyIfNewer(StoredValue value) {
        StoredValue held = data.get(value.key());
        if (held != null && !VersionOrder.wins(value.version(), held.version())) {
            return CompletableFuture.completedFuture(false);
        }
        data.put(value.key(), value);
        tree.applied(held, value);
        return CompletableFuture.completedFuture(true);
    }

    public Optional<StoredValue> current(String key) {
        return Optional.ofNullable(data.get(key));
    }

    public AntiEntropy antiEntropy() {
        return new AntiEntropy(tree, this::current, this::applyIfNewer, 64, () -> 42L);
    }

    public SyncPeer asPeer() {
        return new SyncPeer() {
            @Override
            public NodeHash root() {
                requests++;
                return tree.root();
            }

            @Override
            public List<NodeHash> children(List<String> parents) {
                requests++;
                List<NodeHash> children = new ArrayList<>();
                parents.forEach(p -> children.addAll(tree.children(p)));
                return children;
            }

            @Override
            public List<KeyVersion> entries(List<String> leaves) {
                requests++;
                List<KeyVersion> entries = new ArrayList<>();
                leaves.forEach(l -> entries.addAll(tree.entries(l)));
                return entries;
            }

            @Override
            public List<StoredValue> fetch(List<String> keys) {
                requests++;
                return keys.stream().map(data::get).filter(Objects::nonNull).toList();
            }

            @Override
            public void push(List<StoredValue> versions) {
                requests++;
                versions.forEach(Replica.this::applyIfNewer);
            }
        };
    }

    private Version version(long timestamp) {
        return new Version(timestamp, joinedTimestamp, UUID.randomUUID(), nodeId);
    }
}
