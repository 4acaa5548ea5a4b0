package io.kvs.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The one place that reads classic 5-field cron expressions (minute hour day-of-month month day-of-week), as used
 * by {@code backup_schedule}. Callers compute run times from the result with cron-utils' {@code ExecutionTime}.
 */
public final class UnixCron {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private UnixCron() {
    }

    /** @throws IllegalArgumentException saying why {@code expression} is not a valid 5-field cron expression */
    public static Cron parse(String expression) {
        try {
            return PARSER.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid 5-field cron expression \"" + expression + "\" (minute hour"
                    + " day-of-month month day-of-week): " + e.getMessage());
        }
    }
}
