package io.kvs.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: a client may burst up to {@code limit} requests and regains one token every
 * {@code window / limit}.
 *
 * <p>Each bucket is stored as a single number, the instant at which it will be full again (the "theoretical arrival
 * time" of the generic cell rate algorithm, which is the token bucket expressed in time). Admitting a request is one
 * compare-and-set on an {@link AtomicLong}, with no lock on the hot path. A bucket whose instant has passed is full,
 * which is exactly the state of a client never seen, so such idle buckets are dropped without changing any answer.
 *
 * <p>Memory is bounded by {@code maxClients}: idle buckets are swept at most once per window when new clients
 * arrive, and if the map is still full the buckets closest to full are dropped (those clients get at most one fresh
 * burst early). A request racing with the removal of its own idle bucket may go uncounted; that is one request.
 */
public final class RateLimiter {

    /** Share of the capacity freed at once when every tracked client is active, so the sort is rarely repeated. */
    private static final int FREED_PERCENT = 10;

    private final int limit;
    private final long intervalNanos;
    private final long burstNanos;
    private final int maxClients;
    private final LongSupplier nanoClock;
    private final Map<String, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final Object admission = new Object();
    private long lastSweep;

    /**
     * @param limit      requests a client may make per window (also the burst size)
     * @param window     the window over which {@code limit} requests are allowed
     * @param maxClients most clients tracked at once
     * @param nanoClock  monotonic time in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public RateLimiter(int limit, Duration window, int maxClients, LongSupplier nanoClock) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxClients < 1) {
            throw new IllegalArgumentException("rate limit needs limit >= 1, a positive window and maxClients >= 1");
        }
        this.limit = limit;
        this.intervalNanos = Math.max(1, window.toNanos() / limit);
        this.burstNanos = intervalNanos * limit;
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /** Takes one token from {@code client}'s bucket if it has one. */
    public RateDecision check(String client) {
        long now = nanoClock.getAsLong();
        AtomicLong bucket = buckets.get(client);
        if (bucket == null) {
            bucket = admit(client, now);
        }
        while (true) {
            long fullAt = bucket.get();
            long next = Math.max(fullAt, now) + intervalNanos;
            long debt = next - now;
            if (debt > burstNanos) {
                return new RateDecision(false, limit, 0, ceilSeconds(debt - burstNanos));
            }
            if (bucket.compareAndSet(fullAt, next)) {
                return new RateDecision(true, limit, (int) ((burstNanos - debt) / intervalNanos), 0);
            }
        }
    }

    /** Whether {@code client} has a token left, without taking it (an untracked client has a full bucket). */
    public RateDecision peek(String client) {
        AtomicLong bucket = buckets.get(client);
        if (bucket == null) {
            return new RateDecision(true, limit, limit, 0);
        }
        long now = nanoClock.getAsLong();
        long debt = Math.max(bucket.get(), now) + intervalNanos - now;
        return debt > burstNanos ? new RateDecision(false, limit, 0, ceilSeconds(debt - burstNanos))
                : new RateDecision(true, limit, (int) ((burstNanos - debt) / intervalNanos) + 1, 0);
    }

    /** Number of clients currently tracked. */
    public int trackedClients() {
        return buckets.size();
    }

    /** Drops every bucket that has refilled completely; returns how many. */
    public int evictIdle() {
        synchronized (admission) {
            return sweepIdle(nanoClock.getAsLong());
        }
    }

    private AtomicLong admit(String client, long now) {
        synchronized (admission) {
            AtomicLong existing = buckets.get(client);
            if (existing != null) {
                return existing;
            }
            if (now - lastSweep >= burstNanos) {
                sweepIdle(now);
            }
            if (buckets.size() >= maxClients) {
                makeRoom(now);
            }
            AtomicLong fresh = new AtomicLong(now);
            buckets.put(client, fresh);
            return fresh;
        }
    }

    private int sweepIdle(long now) {
        lastSweep = now;
        int before = buckets.size();
        buckets.values().removeIf(bucket -> bucket.get() - now <= 0);
        return before - buckets.size();
    }

    private void makeRoom(long now) {
        sweepIdle(now);
        int excess = buckets.size() - (maxClients - Math.max(1, maxClients * FREED_PERCENT / 100));
        if (excess <= 0) {
            return;
        }
        List<Map.Entry<String, Long>> byFullness = new ArrayList<>(buckets.size());
        buckets.forEach((client, bucket) -> byFullness.add(Map.entry(client, bucket.get())));
        byFullness.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        for (int i = 0; i < excess && i < byFullness.size(); i++) {
            buckets.remove(byFullness.get(i).getKey());
        }
    }

    private static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
