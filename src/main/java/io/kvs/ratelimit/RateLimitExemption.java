package io.kvs.ratelimit;

/** Requests the rate limiter never counts (SPEC §5): {@code /health}, and node-to-node traffic. */
final class RateLimitExemption {

    private RateLimitExemption() {
    }

    static boolean exempt(String method, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("health");
    }
}
