package io.kvs.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Events per second averaged over the last few whole seconds, for figures such as writes per second
 * (MicroProfile Metrics 5 has no meter). One slot per second in a ring; marking is two atomic operations. A mark
 * racing with the reset of its slot at a second boundary can be lost, which a rate gauge can afford.
 */
public final class RateMeter {

    private final int seconds;
    private final LongSupplier clockMillis;
    private final AtomicLongArray counts;
    private final AtomicLongArray stamps;

    /**
     * @param seconds     how many completed seconds the rate averages over
     * @param clockMillis wall or monotonic time in milliseconds
     */
    public RateMeter(int seconds, LongSupplier clockMillis) {
        if (seconds < 1) {
            throw new IllegalArgumentException("a rate needs at least one second");
        }
        this.seconds = seconds;
        this.clockMillis = clockMillis;
        this.counts = new AtomicLongArray(seconds + 1);
        this.stamps = new AtomicLongArray(seconds + 1);
        for (int i = 0; i < stamps.length(); i++) {
            stamps.set(i, Long.MIN_VALUE);
        }
    }

    public void mark() {
        long second = Math.floorDiv(clockMillis.getAsLong(), 1000);
        int slot = (int) Math.floorMod(second, (long) counts.length());
        long stamp = stamps.get(slot);
        if (stamp != second && stamps.compareAndSet(slot, stamp, second)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** Events per second over the completed seconds of the window (the current, partial second is left out). */
    public double perSecond() {
        long now = Math.floorDiv(clockMillis.getAsLong(), 1000);
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            long stamp = stamps.get(i);
            if (stamp < now && stamp >= now - seconds) {
                total += counts.get(i);
            }
        }
        return (double) total / seconds;
    }
}
