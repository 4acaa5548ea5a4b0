package io.kvs.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    private RateLimiter limiter(int limit, Duration window, int maxClients) {
        return new RateLimiter(limit, window, maxClients, nanos::get);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void newClientMayBurstUpToTheLimitThenIsRefused() {
        RateLimiter limiter = limiter(5, Duration.ofMinutes(1), 100);
        for (int remaining = 4; remaining >= 0; remaining--) {
            RateDecision d = limiter.check("alice");
            assertTrue(d.allowed());
            assertEquals(5, d.limit());
            assertEquals(remaining, d.remaining());
        }
        RateDecision refused = limiter.check("alice");
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
    }

    @Test
    void peekingTellsWhetherATokenIsLeftWithoutTakingIt() {
        RateLimiter limiter = limiter(2, Duration.ofMinutes(1), 100);
        assertTrue(limiter.peek("alice").allowed());
        assertEquals(0, limiter.trackedClients(), "peeking at a stranger tracks nothing");
        limiter.check("alice");
        assertEquals(1, limiter.peek("alice").remaining());
        assertEquals(1, limiter.peek("alice").remaining(), "a peek takes nothing");
        limiter.check("alice");
        RateDecision exhausted = limiter.peek("alice");
        assertFalse(exhausted.allowed());
        assertEquals(30, exhausted.retryAfterSeconds());
        advance(Duration.ofSeconds(30));
        assertTrue(limiter.peek("alice").allowed());
    }

    @Test
    void retryAfterIsTheTimeUntilOneTokenReturnsRoundedUp() {
        RateLimiter limiter = limiter(4, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 4; i++) {
            limiter.check("alice");
        }
        assertEquals(15, limiter.check("alice").retryAfterSeconds());
        advance(Duration.ofMillis(5_500));
        assertEquals(10, limiter.check("alice").retryAfterSeconds());
        advance(Duration.ofMillis(9_400));
        assertEquals(1, limiter.check("alice").retryAfterSeconds());
    }

    @Test
    void tokensRefillOnePerIntervalAndNeverBeyondTheLimit() {
        RateLimiter limiter = limiter(10, Duration.ofSeconds(10), 100);
        for (int i = 0; i < 10; i++) {
            limiter.check("alice");
        }
        advance(Duration.ofSeconds(3));
        assertEquals(2, limiter.check("alice").remaining());
        assertTrue(limiter.check("alice").allowed());
        assertTrue(limiter.check("alice").allowed());
        assertFalse(limiter.check("alice").allowed());

        advance(Duration.ofHours(1));
        assertEquals(9, limiter.check("alice").remaining());
    }

    @Test
    void refusedRequestsDoNotConsumeTokens() {
        RateLimiter limiter = limiter(2, Duration.ofSeconds(2), 100);
        limiter.check("alice");
        limiter.check("alice");
        for (int i = 0; i < 50; i++) {
            assertFalse(limiter.check("alice").allowed());
        }
        advance(Duration.ofSeconds(1));
        assertTrue(limiter.check("alice").allowed());
    }

    @Test
    void clientsHaveSeparateBuckets() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1), 100);
        assertTrue(limiter.check("alice").allowed());
        assertFalse(limiter.check("alice").allowed());
        assertTrue(limiter.check("bob").allowed());
    }

    @Test
    void idleBucketsAreEvictedOnceRefilled() {
        RateLimiter limiter = limiter(3, Duration.ofSeconds(30), 100);
        limiter.check("alice");
        limiter.check("bob");
        limiter.check("bob");
        advance(Duration.ofSeconds(10));
        assertEquals(1, limiter.evictIdle(), "alice refilled, bob still owes a token");
        assertEquals(1, limiter.trackedClients());
        advance(Duration.ofSeconds(10));
        assertEquals(1, limiter.evictIdle());
        assertEquals(0, limiter.trackedClients());
    }

    @Test
    void newClientsSweepIdleBucketsOncePerWindowWithoutAScheduler() {
        RateLimiter limiter = limiter(3, Duration.ofSeconds(30), 1_000);
        for (int i = 0; i < 500; i++) {
            limiter.check("client-" + i);
        }
        advance(Duration.ofSeconds(31));
        limiter.check("newcomer");
        assertEquals(1, limiter.trackedClients());
    }

    @Test
    void trackedClientsNeverExceedTheCapWhenEveryClientIsActive() {
        RateLimiter limiter = limiter(3, Duration.ofHours(1), 100);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(limiter.check("client-" + i).allowed());
            assertTrue(limiter.trackedClients() <= 100);
        }
    }

    @Test
    void atTheCapTheFullestBucketsAreDroppedFirst() {
        RateLimiter limiter = limiter(3, Duration.ofHours(1), 10);
        for (int i = 0; i < 3; i++) {
            limiter.check("heavy");
        }
        for (int i = 0; i < 20; i++) {
            limiter.check("light-" + i);
        }
        assertFalse(limiter.check("heavy").allowed(), "the most indebted client keeps its bucket");
    }

    @Test
    void concurrentRequestsOfOneClientAreAdmittedExactlyLimitTimes() throws Exception {
        RateLimiter limiter = limiter(1_000, Duration.ofMinutes(1), 100);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        Callable<Integer> hammer = () -> {
            start.await();
            int allowed = 0;
            for (int i = 0; i < 500; i++) {
                if (limiter.check("shared").allowed()) {
                    allowed++;
                }
            }
            return allowed;
        };
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(hammer));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertEquals(1_000, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nonsensicalSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> limiter(0, Duration.ofMinutes(1), 10));
        assertThrows(IllegalArgumentException.class, () -> limiter(5, Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> limiter(5, Duration.ofMinutes(1), 0));
    }
}
