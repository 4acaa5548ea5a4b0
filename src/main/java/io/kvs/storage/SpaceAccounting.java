package io.kvs.storage;

import java.util.Map;
import java.util.TreeMap;

/**
 * Running estimate of how much of the log is garbage, so compaction is triggered without rescanning: the log's
 * bytes minus the bytes of every key's retained revision chain ({@link IndexEntry#chainBytes()}), plus the chains
 * of tombstones old enough to be purged. Tombstone chains are bucketed by the minute they become purgeable; since a
 * bucket is derived from the entry alone, replacing or dropping a tombstone removes exactly what it added.
 * Updated by the writer thread (and recovery before it starts); read by any thread.
 */
final class SpaceAccounting {

    private static final long BUCKET_MILLIS = 60_000;

    private final long tombstoneGcMillis;
    private final TreeMap<Long, Long> purgeable = new TreeMap<>();
    private volatile long chainBytes;
    private volatile long liveKeys;

    SpaceAccounting(long tombstoneGcMillis) {
        this.tombstoneGcMillis = tombstoneGcMillis;
    }

    /** {@code previous} is replaced by {@code current}; either may be null (key added, key dropped). */
    synchronized void replaced(IndexEntry previous, IndexEntry current) {
        if (previous != null) {
            chainBytes -= previous.chainBytes();
            liveKeys -= previous.tombstone() ? 0 : 1;
            if (previous.tombstone()) {
                purgeable.merge(bucket(previous), -previous.chainBytes(), SpaceAccounting::sumOrNone);
            }
        }
        if (current != null) {
            chainBytes += current.chainBytes();
            liveKeys += current.tombstone() ? 0 : 1;
            if (current.tombstone()) {
                purgeable.merge(bucket(current), current.chainBytes(), SpaceAccounting::sumOrNone);
            }
        }
    }

    /** Keys whose current version is not a tombstone (expired ones not yet reaped included). */
    long liveKeys() {
        return liveKeys;
    }

    /** Estimated bytes of {@code logBytes} that compaction would reclaim at {@code nowMillis}. */
    synchronized long deadBytes(long logBytes, long nowMillis) {
        long purge = 0;
        for (Map.Entry<Long, Long> bucket : purgeable.headMap(nowMillis, true).entrySet()) {
            purge += bucket.getValue();
        }
        return Math.max(0, logBytes - chainBytes) + purge;
    }

    private static Long sumOrNone(Long a, Long b) {
        long sum = a + b;
        return sum == 0 ? null : sum;
    }

    private long bucket(IndexEntry tombstone) {
        long due = tombstone.timestamp() + tombstoneGcMillis;
        return (due / BUCKET_MILLIS + 1) * BUCKET_MILLIS;
    }
}
