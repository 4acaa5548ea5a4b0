package io.kvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void zeroMeansNoDuration() {
        assertEquals(Duration.ZERO, Durations.parse("0"));
    }

    @Test
    void eachUnitIsPriced() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(24), Durations.parse("24h"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d"));
    }

    @Test
    void partsAddUp() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5),
                Durations.parse("1d2h3m4s5ms"));
    }

    @Test
    void millisecondsAreNotReadAsMinutes() {
        assertEquals(Duration.ofMinutes(5).plusMillis(5), Durations.parse("5m5ms"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1", "60", "-5s", "+5s", "1.5h", "1 h", " 1h", "1h ", "1H", "5x", "h", "1h30",
            "1w", "٣s", "0x10s"})
    void malformedDurationsAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("duration"), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"106751991168d", "99999999999999999999s", "9223372036854775807ms1ms"})
    void overflowIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
}
