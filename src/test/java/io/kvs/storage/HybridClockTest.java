package io.kvs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridClockTest {

    private final AtomicLong wall = new AtomicLong(1_000);
    private final HybridClock clock = new HybridClock(wall::get, 0);

    @Test
    void stampsFollowTheWallClockAndStayAboveWhatTheyReplace() {
        assertEquals(1_000, clock.stamp(Long.MIN_VALUE));
        assertEquals(5_001, clock.stamp(5_000));
        wall.set(900);
        assertEquals(5_001, clock.stamp(10), "never below the largest timestamp seen");
    }

    /** replaced + 1 wrapped to Long.MIN_VALUE at the top of the range. */
    @Test
    void replacingAVersionAtTheTopOfTheRangeDoesNotWrap() {
        assertEquals(Long.MAX_VALUE, clock.stamp(Long.MAX_VALUE));
    }
}
