package io.kvs.keys;

import java.nio.charset.StandardCharsets;

/**
 * The key rules of SPEC §1, in one place. Keys arrive still percent-encoded (the raw request path) because only
 * there can an encoded slash be told from a real one, and because the container would otherwise have normalised
 * {@code //}, {@code /./} and {@code /../} away before the rules could see them.
 */
public final class Keys {

    public static final int MAX_BYTES = 1024;

    private Keys() {
    }

    /** The key named by the raw path after {@code /kv/}, percent-decoded; throws when it breaks a rule. */
    public static String parse(String rawKey) {
        if (rawKey.contains("%2F") || rawKey.contains("%2f")) {
            throw new InvalidKeyException("a key segment may not contain an encoded slash (%2F)");
        }
        byte[] bytes = PercentDecoding.bytes(rawKey, "key");
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new InvalidKeyException("a key must be 1 to " + MAX_BYTES + " bytes of UTF-8, got " + bytes.length);
        }
        String key = PercentDecoding.utf8(bytes, "key");
        checkSegments(key);
        return unreserved(key);
    }

    /**
     * A key prefix that arrived decoded (a query parameter): one that some valid key could begin with, else an
     * {@link InvalidKeyException}. The empty prefix (every key) is valid.
     */
    public static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        String shortestKey = prefix + "x";
        int bytes = shortestKey.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidKeyException("a key prefix must be under " + MAX_BYTES + " bytes of UTF-8");
        }
        checkSegments(shortestKey);
        unreserved(shortestKey);
        return prefix;
    }

    /** A whole key that arrived decoded (a query parameter): the rules of {@link #parse} after decoding. */
    public static String checkDecoded(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_BYTES) {
            throw new InvalidKeyException("a key must be 1 to " + MAX_BYTES + " bytes of UTF-8, got " + bytes);
        }
        checkSegments(key);
        return unreserved(key);
    }

    private static String unreserved(String key) {
        if (isReserved(key)) {
            throw new InvalidKeyException("keys whose first segment starts with '_' are reserved for the API");
        }
        return key;
    }

    /** True for keys the API keeps for itself ({@code _range}, internal records): never read, written or listed. */
    public static boolean isReserved(String key) {
        return key.startsWith("_");
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, i.e. the exclusive end of a prefix
     * listing; null when there is none (the listing runs to the end). Code point order is UTF-8 byte order, so
     * incrementing the last code point that can be incremented gives that bound.
     */
    public static String prefixUpperBound(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                // Surrogate code points have no UTF-8 encoding, so no key holds them: step over the range.
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return prefix.substring(0, start) + Character.toString(next);
            }
            end = start;
        }
        return null;
    }

    private static void checkSegments(String key) {
        int start = 0;
        while (true) {
            int slash = key.indexOf('/', start);
            int end = slash < 0 ? key.length() : slash;
            checkSegment(key, start, end);
            if (slash < 0) {
                return;
            }
            start = slash + 1;
        }
    }

    private static void checkSegment(String key, int start, int end) {
        if (start == end) {
            throw new InvalidKeyException("empty key segment: no leading, trailing or double '/'");
        }
        String segment = key.substring(start, end);
        if (segment.equals(".") || segment.equals("..")) {
            throw new InvalidKeyException("'.' and '..' are not allowed as key segments");
        }
        for (int i = start; i < end; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new InvalidKeyException("control characters are not allowed in keys");
            }
        }
    }
}
