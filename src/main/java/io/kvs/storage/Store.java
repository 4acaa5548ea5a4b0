package io.kvs.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;

/**
 * The storage engine's front door: an append-only log (the truth) plus a persisted Chronicle Map index (a cache of
 * where each key's current version lives), written by one group-commit writer thread.
 *
 * <p>CONTRACT SKELETON: the storage work replaces these bodies; signatures are what the rest of kvs codes against.
 */
public final class Store implements AutoCloseable {

    private Store() {
    }

    /**
     * Opens (or creates) the store in {@code settings.dataDir()}: replays the log from the index checkpoint, or
     * rebuilds the index from the whole log when it is missing, corrupt or was not closed cleanly.
     * The writer thread is made by {@code threads} (a container-managed factory inside Payara).
     */
    public static Store open(StoreSettings settings, ThreadFactory threads) throws IOException {
        throw new UnsupportedOperationException("storage engine not built yet");
    }

    /**
     * Writes a new version of {@code key}; completes once the version is durable and visible, on the writer thread.
     * Fails with {@link PreconditionFailedException} when {@code precondition} does not hold.
     *
     * @param json      the JSON bytes exactly as they must be served back
     * @param expiresAt Unix ms after which the value reads as absent, 0 for never
     */
    public CompletableFuture<StoredValue> put(String key, byte[] json, long expiresAt, Precondition precondition) {
        throw new UnsupportedOperationException();
    }

    /** Writes a tombstone; fails with {@link NoLiveValueException} or {@link PreconditionFailedException}. */
    public CompletableFuture<StoredValue> delete(String key, Precondition precondition) {
        throw new UnsupportedOperationException();
    }

    /** Applies a version written elsewhere iff it wins over the local one (SPEC §4); completes with whether it did. */
    public CompletableFuture<Boolean> applyIfNewer(StoredValue version) {
        throw new UnsupportedOperationException();
    }

    /** The live value of {@code key}: absent when missing, deleted or expired. */
    public Optional<StoredValue> get(String key) {
        throw new UnsupportedOperationException();
    }

    /** The current version of {@code key} without its data, tombstones and expired versions included. */
    public Optional<StoredValue> currentVersion(String key) {
        throw new UnsupportedOperationException();
    }

    /** Up to {@code limit} versions of {@code key}, newest first, the live one included; empty when not live. */
    public List<StoredValue> history(String key, int limit) {
        throw new UnsupportedOperationException();
    }

    /**
     * Live keys in ascending unsigned UTF-8 byte order from {@code startKey} (inclusive, null = first) to
     * {@code endKey} (exclusive, null = unbounded), skipping keys {@code visible} rejects, at most {@code limit}.
     */
    public RangePage range(String startKey, String endKey, int limit, boolean includeValues,
                           Predicate<String> visible) {
        throw new UnsupportedOperationException();
    }

    /** Writes tombstones for every version expired at {@code nowMillis}; returns how many. */
    public int reapExpired(long nowMillis) {
        throw new UnsupportedOperationException();
    }

    /** Rewrites sealed segments keeping live data and retained revisions; reads and writes go on meanwhile. */
    public CompactionResult compact() throws IOException {
        throw new UnsupportedOperationException();
    }

    /** Compacts when the dead share of sealed segments passes the configured threshold; null when it did not. */
    public CompactionResult compactIfNeeded() throws IOException {
        throw new UnsupportedOperationException();
    }

    public void addListener(StoreListener listener) {
        throw new UnsupportedOperationException();
    }

    /** Number of live keys. */
    public long liveKeyCount() {
        throw new UnsupportedOperationException();
    }

    /** Bytes of all log segments on disk. */
    public long logBytes() {
        throw new UnsupportedOperationException();
    }

    /** Drains the writer, forces the log, closes the index and marks the shutdown clean. */
    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }
}
