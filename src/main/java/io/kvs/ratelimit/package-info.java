/**
 * Per-client rate limiting (SPEC §5): a token bucket per client key (token subject, else remote address), with
 * memory bounded however many clients appear. The HTTP filter that applies it, and its exemptions, live here too.
 */
package io.kvs.ratelimit;
