package io.kvs.storage;

/**
 * Told of every version that became a key's current one (local write, replicated version, tombstone, reaped
 * expiry), after it is durable and visible. Called on the store's writer thread: keep it short and never block.
 * Used by the Merkle tree (incremental update) and push replication.
 */
@FunctionalInterface
public interface StoreListener {

    /** {@code previous} is null when the key had no version before. */
    void applied(StoredValue previous, StoredValue current);
}
