package io.kvs.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed, validated reads of the configuration mapping (the file's keys over the defaults). Every failure is a
 * {@link ConfigException} naming the key and showing the value found, so the operator can fix it at a glance.
 */
final class ConfigValues {

    static final String NODE_ID_SLOT = "{node_id}";

    private final Map<String, Object> values;

    ConfigValues(Map<String, Object> values) {
        this.values = values;
    }

    int integer(String key, int min, int max) {
        return (int) longInteger(key, min, max);
    }

    long longInteger(String key, long min, long max) {
        Object value = values.get(key);
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            throw new ConfigException(key, "must be an integer, got " + describe(value));
        }
        BigInteger number = new BigInteger(value.toString());
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "at least " + min : min + ".." + max;
            throw new ConfigException(key, "must be " + range + ", got " + number);
        }
        return number.longValue();
    }

    boolean bool(String key) {
        Object value = values.get(key);
        if (!(value instanceof Boolean)) {
            throw new ConfigException(key, "must be true or false, got " + describe(value));
        }
        return (Boolean) value;
    }

    String string(String key) {
        Object value = values.get(key);
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new ConfigException(key, "must be a non-empty string, got " + describe(value));
        }
        return (String) value;
    }

    /** A string that may be absent (null), e.g. a secret with no default. */
    String optionalString(String key) {
        return values.get(key) == null ? null : string(key);
    }

    String oneOf(String key, List<String> allowed) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new ConfigException(key, "must be one of " + String.join(", ", allowed) + ", got " + describe(values.get(key)));
        }
        return value;
    }

    /** A duration string; a bare integer is read as one too, so {@code 0} works like {@code "0"}. */
    Duration duration(String key, boolean zeroAllowed) {
        Object value = values.get(key);
        if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
            throw new ConfigException(key, "must be a duration string such as \"90s\" or \"1h30m\", got " + describe(value));
        }
        Duration duration;
        try {
            duration = Durations.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
        if (!zeroAllowed && duration.isZero()) {
            throw new ConfigException(key, "must be longer than zero, got " + describe(value));
        }
        return duration;
    }

    /** A number strictly between 0 and 1. */
    double fraction(String key) {
        Object value = values.get(key);
        if (!(value instanceof Number)) {
            throw new ConfigException(key, "must be a number between 0 and 1, got " + describe(value));
        }
        double number = ((Number) value).doubleValue();
        if (!(number > 0 && number < 1)) {
            throw new ConfigException(key, "must be between 0 and 1 (both excluded), got " + value);
        }
        return number;
    }

    /**
     * A path in which {@code {node_id}} stands for {@code nodeId}: the default data_dir is per node, so that nodes
     * started from one directory never share one. A relative path is resolved against {@code base} so that later
     * changes of directory cannot move it.
     */
    Path path(String key, Path base, String nodeId) {
        String text = string(key).replace(NODE_ID_SLOT, nodeId);
        try {
            return base.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(key, "is not a valid path: " + e.getMessage());
        }
    }

    List<String> stringList(String key) {
        Object value = values.get(key);
        if (!(value instanceof List)) {
            throw new ConfigException(key, "must be a list, got " + describe(value));
        }
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                throw new ConfigException(key, "entry " + (i + 1) + " must be a string, got " + describe(list.get(i)));
            }
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** 12 permission bits, as an integer (YAML reads an unquoted 0xF11 as one) or a "0x..." string. */
    int permissions(String key) {
        Object value = values.get(key);
        if (value instanceof String && ((String) value).matches("0[xX][0-9a-fA-F]{1,3}")) {
            return Integer.parseInt(((String) value).substring(2), 16);
        }
        if (value instanceof String) {
            throw new ConfigException(key, "must be 0x000..0xFFF, got " + describe(value));
        }
        return integer(key, 0, 0xFFF);
    }

    /** A 5-field cron expression (minute hour day-of-month month day-of-week). */
    String cron(String key) {
        String expression = string(key);
        try {
            UnixCron.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
        return expression;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String) {
            return "\"" + value + "\"";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return value.toString();
    }
}
