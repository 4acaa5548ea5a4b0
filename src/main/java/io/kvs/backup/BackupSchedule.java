package io.kvs.backup;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When scheduled backups run: the minutes a 5-field cron expression matches in the node's local time zone.
 * Day-of-month and day-of-week combine as in classic cron (either may match when both are restricted). On the day
 * clocks go forward a time inside the skipped hour does not occur, so that day's run is skipped.
 */
public final class BackupSchedule {

    private final ExecutionTime times;
    private final ZoneId zone;

    public BackupSchedule(Cron cron, ZoneId zone) {
        this.times = ExecutionTime.forCron(cron);
        this.zone = zone;
    }

    /** The first matching instant strictly after {@code after}; empty when the expression never matches again. */
    public Optional<Instant> nextAfter(Instant after) {
        return times.nextExecution(after.atZone(zone)).map(next -> next.toInstant());
    }
}
