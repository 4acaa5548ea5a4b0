package io.kvs.storage;

/**
 * One version of a key as the store hands it out. {@code data} is the JSON exactly as written (never re-encoded),
 * or null for a tombstone and for listings made without values. {@code expiresAt} is Unix ms, 0 for never.
 */
public record StoredValue(String key, Version version, long expiresAt, boolean tombstone, byte[] data) {

    public boolean isLiveAt(long nowMillis) {
        return !tombstone && (expiresAt == 0 || expiresAt > nowMillis);
    }
}
