package io.kvs.audit;

/**
 * What a mutating request did, before the log gives it a place in the chain.
 *
 * @param actor       who did it: the token subject, else the client address
 * @param action      the operation, e.g. {@code PUT /kv}
 * @param key         the key or resource it touched, null when none
 * @param valueSha256 lower-case hex SHA-256 of the value written, null when no value was written
 */
public record AuditEvent(String actor, String action, String key, String valueSha256) {
}
