package io.kvs.kv;

import io.kvs.keys.Keys;
import io.kvs.refusals.InvalidRequestException;

/**
 * A {@code GET /kv/_range} request, checked (SPEC §2, §10): the key interval to list, how many items, whether with
 * their data, and whether one level at a time. {@code prefix} is the interval
 * {@code [prefix, prefixUpperBound(prefix))}; a listing by prefix is continued by sending {@code next_start_key} back
 * as {@code start_key} with the same prefix (and separator).
 *
 * @param startKey  inclusive, null for the first key
 * @param endKey    exclusive, null for no end
 * @param prefix    the prefix listed, empty for none
 * @param separator where a level ends, null for a flat listing
 */
record RangeQuery(String startKey, String endKey, int limit, boolean includeValues, String prefix,
                  String separator) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    static final int MAX_SEPARATOR_LENGTH = 16;

    static RangeQuery parse(String startKey, String endKey, String prefix, String separator, String limit,
                            String includeValues) {
        String start = emptyToNull(startKey);
        String end = emptyToNull(endKey);
        String byPrefix = prefix == null ? "" : prefix;
        String level = emptyToNull(separator);
        if (level != null && level.length() > MAX_SEPARATOR_LENGTH) {
            throw new InvalidRequestException("separator may be at most " + MAX_SEPARATOR_LENGTH + " characters");
        }
        if (!byPrefix.isEmpty() || level != null) {
            if (end != null) {
                throw new InvalidRequestException((level != null ? "separator" : "prefix")
                        + " cannot be combined with end_key");
            }
            if (start != null && !start.startsWith(byPrefix)) {
                throw new InvalidRequestException(
                        "with prefix, start_key may only continue that listing and must begin with the prefix");
            }
            start = start == null ? emptyToNull(byPrefix) : start;
            end = Keys.prefixUpperBound(byPrefix);
        }
        return new RangeQuery(start, end, limit(limit), includeValues(includeValues), byPrefix, level);
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like an out-of-range number
        }
        throw new InvalidRequestException("limit must be an integer from 1 to " + MAX_LIMIT);
    }

    private static boolean includeValues(String includeValues) {
        if (includeValues == null || includeValues.equals("false")) {
            return false;
        }
        if (includeValues.equals("true")) {
            return true;
        }
        throw new InvalidRequestException("include_values must be true or false");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
