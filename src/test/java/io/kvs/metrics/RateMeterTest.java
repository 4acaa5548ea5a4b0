package io.kvs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateMeterTest {

    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final RateMeter meter = new RateMeter(5, millis::get);

    private void mark(int times) {
        for (int i = 0; i < times; i++) {
            meter.mark();
        }
    }

    @Test
    void rateIsTheAverageOverTheCompletedSecondsOfTheWindow() {
        mark(10);
        millis.addAndGet(1_000);
        mark(20);
        assertEquals(2.0, meter.perSecond(), 1e-9, "only the completed second counts");
        millis.addAndGet(1_000);
        assertEquals(6.0, meter.perSecond(), 1e-9);
    }

    @Test
    void eventsOlderThanTheWindowNoLongerCount() {
        mark(50);
        millis.addAndGet(5_000);
        assertEquals(10.0, meter.perSecond(), 1e-9);
        millis.addAndGet(1_000);
        assertEquals(0.0, meter.perSecond(), 1e-9);
    }

    @Test
    void aSlotReusedAfterTheRingWrapsStartsFromZero() {
        mark(100);
        millis.addAndGet(6_000);
        mark(3);
        millis.addAndGet(1_000);
        assertEquals(0.6, meter.perSecond(), 1e-9);
    }

    @Test
    void noEventsIsZero() {
        assertEquals(0.0, meter.perSecond(), 1e-9);
    }

    @Test
    void windowMustBeAtLeastOneSecond() {
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(0, millis::get));
    }
}
