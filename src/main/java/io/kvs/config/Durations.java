package io.kvs.config;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration strings of the configuration and of the data API's {@code ttl}: one or more {@code <integer><unit>}
 * parts with units {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} (e.g. {@code 90s}, {@code 1h30m}, {@code 7d}),
 * or {@code "0"} for none. Fractions, signs and spaces are rejected rather than guessed at.
 */
public final class Durations {

    // "ms" must be tried before "m" so that "5ms" is not read as five minutes followed by garbage.
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Map<String, Long> UNIT_MILLIS =
            Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L, "d", 86_400_000L);

    private Durations() {
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code text} */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration; expected e.g. \"90s\", \"1h30m\", \"7d\" or \"0\"");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher part = PART.matcher(text);
        long millis = 0;
        int end = 0;
        while (part.lookingAt()) {
            millis = add(text, millis, part.group(1), part.group(2));
            end = part.end();
            part.region(end, text.length());
        }
        if (end != text.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": expected <integer><unit> parts with"
                    + " units ms, s, m, h, d (e.g. \"90s\", \"1h30m\", \"7d\") or \"0\"");
        }
        return Duration.ofMillis(millis);
    }

    private static long add(String text, long millis, String amount, String unit) {
        try {
            return Math.addExact(millis, Math.multiplyExact(Long.parseLong(amount), UNIT_MILLIS.get(unit)));
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too large");
        }
    }
}
