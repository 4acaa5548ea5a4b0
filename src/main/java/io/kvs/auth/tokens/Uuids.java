package io.kvs.auth.tokens;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict UUID parsing. {@link UUID#fromString} accepts forms like {@code 1-1-1-1-1} and upper case, which would let
 * one id be spelt many ways in paths, store keys and tokens; SPEC §0 says ids are lower-case RFC 4122 text.
 */
public final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Uuids() {
    }

    public static Optional<UUID> parseCanonical(String text) {
        return text != null && CANONICAL.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }
}
