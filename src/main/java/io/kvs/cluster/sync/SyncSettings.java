package io.kvs.cluster.sync;

import java.time.Duration;

/**
 * Timing of anti-entropy.
 *
 * @param syncInterval      wait between two rounds while in sync ({@code sync_interval})
 * @param catchupInterval   wait between two rounds after one that found or left differences, or failed
 *                          ({@code catchup_interval})
 * @param bootstrapRetry    wait between two attempts while bootstrapping and no peer could be synced with yet
 * @param bootstrapMaxAge   a bootstrapping node fetches versions up to this old before serving writes; older ones
 *                          follow in later rounds ({@code bootstrap_max_age_hours})
 * @param tombstoneGc       age after which tombstones are forgotten ({@code tombstone_gc_hours})
 * @param sweepInterval     how often the tree forgets tombstones past {@code tombstoneGc}
 */
public record SyncSettings(Duration syncInterval, Duration catchupInterval, Duration bootstrapRetry,
                           Duration bootstrapMaxAge, Duration tombstoneGc, Duration sweepInterval) {

    public SyncSettings {
        for (Duration d : new Duration[]{syncInterval, catchupInterval, bootstrapRetry, bootstrapMaxAge, tombstoneGc,
                sweepInterval}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("anti-entropy durations must be positive");
            }
        }
    }
}
