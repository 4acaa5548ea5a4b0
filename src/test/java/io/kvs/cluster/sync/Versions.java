package io.kvs.cluster.sync;

import io.kvs.storage.Version;

import java.util.UUID;

/** Compact builders for key versions in tests. */
final class Versions {

    private Versions() {
    }

    static KeyVersion value(String key, long timestamp) {
        return new KeyVersion(key, version(timestamp, 1_000, uuidFor(key + timestamp)), false);
    }

    static KeyVersion tombstone(String key, long timestamp) {
        return new KeyVersion(key, version(timestamp, 1_000, uuidFor("t" + key + timestamp)), true);
    }

    static KeyVersion written(String key, long timestamp, long joinedTimestamp, String uuid) {
        return new KeyVersion(key, version(timestamp, joinedTimestamp, UUID.fromString(uuid)), false);
    }

    static Version version(long timestamp, long joinedTimestamp, UUID uuid) {
        return new Version(timestamp, joinedTimestamp, uuid, "node-" + joinedTimestamp);
    }

    static UUID uuidFor(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes());
    }
}
