package io.kvs.cluster.sync;

import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;

/**
 * What anti-entropy knows of one key: the identity of its current version and whether that version is a tombstone.
 * No data: two nodes compare these, then move only the winning versions.
 */
public record KeyVersion(String key, Version version, boolean tombstone) {

    public static KeyVersion of(StoredValue value) {
        return new KeyVersion(value.key(), value.version(), value.tombstone());
    }
}
