package io.kvs.ratelimit;

/**
 * The answer to one request's admission check, carrying what the HTTP layer puts in
 * {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and, when refused, {@code Retry-After}.
 *
 * @param retryAfterSeconds whole seconds until one more request would be admitted (at least 1); 0 when allowed
 */
public record RateDecision(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
}
