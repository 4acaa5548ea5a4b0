package io.kvs.pipeline;

import io.kvs.keys.InvalidKeyException;
import io.kvs.keys.PercentDecoding;

/**
 * The request's path relative to the application root, as the client sent it ({@code raw}, still percent-encoded:
 * only there can an encoded slash be told from a real one) and decoded ({@code path}, what JAX-RS routes on, so what
 * the request is classified by). Neither has a leading slash.
 */
record RequestTarget(String raw, String path) {

    /**
     * @param rawFromRoot the request URI after the context path, with its leading slash
     * @throws IllegalArgumentException for a literal {@code .} or {@code ..} segment or a malformed escape, with a
     *                                  reason for the client
     */
    static RequestTarget parse(String rawFromRoot) {
        String raw = rawFromRoot.startsWith("/") ? rawFromRoot.substring(1) : rawFromRoot;
        // Grizzly normalises dot segments itself, so /kv/.. could reach another resource than the one asked for.
        if (hasDotSegment(raw)) {
            throw new IllegalArgumentException("path segments \".\" and \"..\" are not allowed");
        }
        try {
            return new RequestTarget(raw, PercentDecoding.decode(raw, "path"));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
