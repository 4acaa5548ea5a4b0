package io.kvs.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Turns expired values into tombstones, found through the {@link ExpiryQueue} rather than an index scan. The
 * tombstone is the same on every node (timestamp max(expiresAt, timestamp + 1), the expired version's joined
 * timestamp and writer, a uuid derived from the expired one), so replicas that reap independently stay identical;
 * it goes through the writer as a conditional write, applied only while the expired version is still current.
 */
final class ExpiryReaper {

    private static final int CHUNK = 1024;

    private final StoreState state;
    private final CommitWriter writer;

    ExpiryReaper(StoreState state, CommitWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    int reapExpired(long nowMillis) {
        int reaped = 0;
        for (List<ExpiryQueue.Expiry> due; !(due = state.expiries.pollDue(nowMillis, CHUNK)).isEmpty(); ) {
            List<CompletableFuture<Boolean>> pending = new ArrayList<>();
            for (ExpiryQueue.Expiry expiry : due) {
                IndexEntry entry = state.index.get(expiry.key());
                if (entry != null && !entry.tombstone() && entry.expiresAt() == expiry.expiresAt()
                        && entry.expiresAt() <= nowMillis) {
                    pending.add(reap(expiry.key(), entry.version(state.index.writers()), entry.expiresAt()));
                }
            }
            for (CompletableFuture<Boolean> done : pending) {
                reaped += done.join() ? 1 : 0;
            }
        }
        return reaped;
    }

    private static Version tombstoneFor(Version expired, long expiresAt) {
        return new Version(Math.max(expiresAt, expired.timestamp() + 1), expired.joinedTimestamp(),
                tombstoneUuid(expired.uuid()), expired.writerNode());
    }

    /**
     * Whether {@code tombstone} is the one a reaper (this node's or a peer's) makes for {@code replaced}: the change
     * feed reports such a delete as an expiry.
     */
    static boolean isReapOf(StoredValue tombstone, Version replaced) {
        return tombstone.tombstone() && replaced != null
                && tombstone.version().uuid().equals(tombstoneUuid(replaced.uuid()));
    }

    private static UUID tombstoneUuid(UUID expired) {
        return UUID.nameUUIDFromBytes(ByteBuffer.allocate(16).putLong(expired.getMostSignificantBits())
                .putLong(expired.getLeastSignificantBits()).array());
    }

    private CompletableFuture<Boolean> reap(String key, Version expired, long expiresAt) {
        StoredValue tombstone = new StoredValue(key, tombstoneFor(expired, expiresAt), 0, true, null);
        return writer.submit(new WriteCommand.Apply(tombstone, Store.keyBytes(key), null, expired,
                new CompletableFuture<>())).done();
    }
}
