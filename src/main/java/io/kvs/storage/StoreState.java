package io.kvs.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the writer publishes after a durable batch, kept in step: the persisted index, the sorted key set,
 * the expiry queue and the space accounting. Mutated by the writer thread only; read by any thread.
 */
final class StoreState {

    final KeyIndex index;
    final SortedKeys keys = new SortedKeys();
    final ExpiryQueue expiries = new ExpiryQueue();
    final SpaceAccounting space;

    StoreState(KeyIndex index, long tombstoneGcMillis) {
        this.index = index;
        this.space = new SpaceAccounting(tombstoneGcMillis);
    }

    /** Fills the in-memory parts from the index; returns the largest timestamp in it (for the hybrid clock). */
    long load() {
        long[] latest = {Long.MIN_VALUE};
        List<byte[]> all = new ArrayList<>();
        index.forEach((key, entry) -> {
            all.add(SortedKeys.utf8(key));
            track(key, null, entry);
            latest[0] = Math.max(latest[0], entry.timestamp());
        });
        keys.addAll(all);
        return latest[0];
    }

    void publish(Batch.Change change) {
        if (change.current() == null) {
            index.remove(change.key());
            keys.remove(change.keyBytes());
        } else {
            index.put(change.key(), change.current());
            if (change.previous() == null) {
                keys.add(change.keyBytes());
            }
        }
        track(change.key(), change.previous(), change.current());
    }

    private void track(String key, IndexEntry previous, IndexEntry current) {
        space.replaced(previous, current);
        if (current != null && !current.tombstone() && current.expiresAt() != 0
                && (previous == null || previous.expiresAt() != current.expiresAt() || previous.tombstone())) {
            expiries.add(current.expiresAt(), key);
        }
    }

    /** The version an entry describes, as listeners and listings see it: no data. */
    StoredValue withoutData(String key, IndexEntry entry) {
        return entry == null ? null : new StoredValue(key, entry.version(index.writers()), entry.expiresAt(),
                entry.tombstone(), null);
    }
}
