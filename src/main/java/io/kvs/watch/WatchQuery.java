package io.kvs.watch;

import io.kvs.keys.Keys;
import io.kvs.refusals.InvalidRequestException;

import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A {@code GET /kv/_watch} request, checked before the stream starts (SPEC §7): which keys, and where to resume.
 *
 * @param prefix the keys that begin with it ("" for every key); null when one key is watched
 * @param key    the one key watched, or null
 * @param since  the sequence to resume after: {@code Last-Event-ID} (what a reconnecting {@code EventSource} sends,
 *               so it wins over the {@code since} of the URL it reconnects to), else {@code since}; empty for
 *               changes from now on
 */
public record WatchQuery(String prefix, String key, OptionalLong since) {

    /**
     * @param parameters  the request's query parameters, already decoded
     * @param lastEventId the {@code Last-Event-ID} header, or null
     */
    public static WatchQuery parse(Function<String, String> parameters, String lastEventId) {
        String prefix = parameters.apply("prefix");
        String key = parameters.apply("key");
        if (prefix != null && key != null) {
            throw new InvalidRequestException("watch either a prefix or a key, not both");
        }
        OptionalLong since = lastEventId != null ? sequence(lastEventId, "Last-Event-ID")
                : sequence(parameters.apply("since"), "since");
        if (key != null) {
            return new WatchQuery(null, Keys.checkDecoded(key), since);
        }
        return new WatchQuery(prefix == null ? "" : Keys.checkPrefix(prefix), null, since);
    }

    /** Whether a change of {@code changedKey} is one this watch asked for (reserved keys never are). */
    public boolean covers(String changedKey) {
        return key != null ? key.equals(changedKey) : changedKey.startsWith(prefix) && !Keys.isReserved(changedKey);
    }

    private static OptionalLong sequence(String value, String name) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            long sequence = Long.parseLong(value.strip());
            if (sequence >= 0) {
                return OptionalLong.of(sequence);
            }
        } catch (NumberFormatException e) {
            // answered below like a negative number
        }
        throw new InvalidRequestException(name + " must be a change sequence: a non-negative integer");
    }
}
