package io.kvs.cluster.replication;

import java.time.Duration;

/**
 * Bounds of push replication, per peer.
 *
 * @param maxPending      versions waiting for one peer
 * @param maxPendingBytes JSON bytes waiting for one peer; beyond either bound the oldest versions are dropped and
 *                        anti-entropy repairs them, so a peer that is down costs bounded memory
 * @param maxBatchCount   versions per request
 * @param maxBatchBytes   JSON bytes per request (a single larger version still goes, alone)
 * @param initialBackoff  wait before the first retry after a failed send
 * @param maxBackoff      cap of the doubling wait between retries
 */
public record PushSettings(int maxPending, long maxPendingBytes, int maxBatchCount, long maxBatchBytes,
                           Duration initialBackoff, Duration maxBackoff) {

    /**
     * A peer that is down for a few seconds under heavy writes loses nothing (10,000 versions); the memory held for
     * it stays under 16 MiB whatever the value sizes; a request carries at most 500 versions or 1 MiB.
     */
    public static final PushSettings DEFAULTS = new PushSettings(10_000, 16L << 20, 500, 1L << 20,
            Duration.ofMillis(100), Duration.ofSeconds(5));

    public PushSettings {
        if (maxPending < 1 || maxPendingBytes < 1 || maxBatchCount < 1 || maxBatchBytes < 1) {
            throw new IllegalArgumentException("push replication bounds must be positive");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("push replication backoff must satisfy 0 <= initial <= max");
        }
    }
}
