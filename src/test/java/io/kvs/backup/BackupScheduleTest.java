package io.kvs.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.config.UnixCron;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static BackupSchedule schedule(String expression) {
        return new BackupSchedule(UnixCron.parse(expression), BERLIN);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private static Optional<Instant> next(String expression, String after) {
        return schedule(expression).nextAfter(local(after));
    }

    @Test
    void dailyAtMidnightLocalTime() {
        assertEquals(Optional.of(local("2025-01-02T00:00")), next("0 0 * * *", "2025-01-01T10:00"));
        assertEquals(Optional.of(Instant.parse("2025-01-01T23:00:00Z")), next("0 0 * * *", "2025-01-01T10:00"));
    }

    @Test
    void nextIsStrictlyAfterTheGivenInstant() {
        assertEquals(Optional.of(local("2025-01-02T00:00")), next("0 0 * * *", "2025-01-01T00:00"));
    }

    @Test
    void stepsRangesAndLists() {
        assertEquals(Optional.of(local("2025-01-01T10:15")), next("*/15 * * * *", "2025-01-01T10:07"));
        assertEquals(Optional.of(local("2025-01-06T03:00")), next("0 3 * * 1-5", "2025-01-03T04:00"));
        assertEquals(Optional.of(local("2025-01-01T18:30")), next("30 6,18 * * *", "2025-01-01T07:00"));
        assertEquals(Optional.of(local("2025-02-01T00:00")), next("0 0 1 * *", "2025-01-01T00:00"));
    }

    @Test
    void sundayIsZeroOrSeven() {
        assertEquals(next("0 0 * * 0", "2025-01-01T00:00"), next("0 0 * * 7", "2025-01-01T00:00"));
        assertEquals(Optional.of(local("2025-01-05T00:00")), next("0 0 * * 0", "2025-01-01T00:00"));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEitherAsInClassicCron() {
        assertEquals(Optional.of(local("2025-01-03T00:00")), next("0 0 13 * 5", "2025-01-01T00:00"));
        assertEquals(Optional.of(local("2025-01-13T00:00")), next("0 0 13 * 5", "2025-01-10T12:00"));
    }

    @Test
    void timeInsideTheSkippedHourDoesNotOccurOnTheDayClocksGoForward() {
        assertEquals(Optional.of(local("2025-03-31T02:30")), next("30 2 * * *", "2025-03-29T12:00"));
    }

    @Test
    void expressionThatNeverMatchesHasNoNextTime() {
        assertTrue(next("0 0 31 2 *", "2025-01-01T00:00").isEmpty());
    }
}
