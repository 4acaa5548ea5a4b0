package io.kvs.storage;

import java.util.function.LongSupplier;

/**
 * Timestamps for new versions (SPEC §4): never at or below the version being replaced, and never below the
 * largest timestamp seen (local or from peers), so an overwrite always wins over what it overwrote even when the
 * wall clock steps back or a peer's runs ahead. Not {@code + 1} on the global maximum: that would make every write
 * race ahead of the wall clock under load. Used by the writer thread only.
 */
final class HybridClock {

    private final LongSupplier wall;
    private long seen;

    HybridClock(LongSupplier wall, long seen) {
        this.wall = wall;
        this.seen = seen;
    }

    /** A timestamp for a version replacing one stamped {@code replaced} (Long.MIN_VALUE when there is none). */
    long stamp(long replaced) {
        // Saturating: Long.MAX_VALUE + 1 would wrap to the smallest timestamp and lose to everything.
        long above = replaced == Long.MAX_VALUE ? Long.MAX_VALUE : replaced + 1;
        long stamp = Math.max(Math.max(wall.getAsLong(), seen), above);
        seen = stamp;
        return stamp;
    }

    void observe(long timestamp) {
        seen = Math.max(seen, timestamp);
    }
}
