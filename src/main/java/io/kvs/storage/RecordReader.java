package io.kvs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The read side: one index lookup plus one positioned read of the record, checked by CRC and by the uuid the
 * index expects. A read that races compaction (its segment deleted after the lookup) looks the key up again.
 */
final class RecordReader {

    private static final int ATTEMPTS = 8;
    private static final int REUSED_BUFFER = 64 << 10;

    private final AppendLog log;
    private final StoreState state;
    private final LongSupplier clock;
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(REUSED_BUFFER));

    RecordReader(AppendLog log, StoreState state, LongSupplier clock) {
        this.log = log;
        this.state = state;
        this.clock = clock;
    }

    /** The live value of {@code key} with its data, or null. */
    StoredValue live(String key) {
        for (int attempt = 1; ; attempt++) {
            long retirements = log.retirements();
            IndexEntry entry = state.index.get(key);
            if (entry == null || !entry.liveAt(clock.getAsLong())) {
                return null;
            }
            try {
                return read(key, entry, buffers.get());
            } catch (Segment.SegmentRetiredException e) {
                if (attempt == ATTEMPTS || retirements == log.retirements()) {
                    throw new UncheckedIOException("index of " + key + " points to a missing segment", e);
                }
            }
        }
    }

    /**
     * Newest first: the live version, then older revisions while the chain lasts, at most {@code limit} steps
     * back. The history of a key's current life only: the walk stops at a delete and at a revision that expired
     * before the next one was written, so whoever re-creates a key never sees what the key held before. A revision
     * replaced while live but expired by now is skipped. A chain cut by a concurrent compaction is walked again.
     */
    List<StoredValue> history(String key, int limit) {
        for (int attempt = 1; ; attempt++) {
            long retirements = log.retirements();
            IndexEntry entry = state.index.get(key);
            if (entry == null || limit <= 0 || !entry.liveAt(clock.getAsLong())) {
                return List.of();
            }
            List<StoredValue> versions = new ArrayList<>();
            try {
                StoredValue head = read(key, entry, null);
                versions.add(head);
                walk(key, entry, head.version(), limit, versions);
            } catch (Segment.SegmentRetiredException e) {
                // the head moved: look it up again
            }
            boolean cut = !versions.isEmpty() && versions.size() < limit && retirements != log.retirements();
            if ((versions.isEmpty() || cut) && attempt < ATTEMPTS) {
                continue;
            }
            return versions;
        }
    }

    /**
     * Follows the previous-revision links back from {@code head}. Each step must be an older version of the same
     * key: a link that leads anywhere else (a segment number that named another file before a crash) ends the
     * history rather than showing another key's or another life's value.
     */
    private void walk(String key, IndexEntry head, Version headVersion, int limit, List<StoredValue> versions) {
        long now = clock.getAsLong();
        Version newer = headVersion;
        Location previous = previousOf(head);
        for (int steps = 1; previous != null && steps < limit; steps++) {
            ByteBuffer buf;
            try {
                buf = log.read(previous, 0, null);
            } catch (IOException e) {
                return;
            }
            LogRecord record = LogRecord.decode(buf, 0);
            boolean lapsed = record.expiresAt() != 0 && record.expiresAt() <= newer.timestamp();
            if (record.tombstone() || lapsed || !record.key().equals(key)
                    || VersionOrder.WINNER_LAST.compare(record.version(), newer) >= 0) {
                return;
            }
            if (record.expiresAt() == 0 || record.expiresAt() > now) {
                versions.add(new StoredValue(record.key(), record.version(), record.expiresAt(), false, data(buf)));
            }
            newer = record.version();
            previous = record.previous();
        }
    }

    private Location previousOf(IndexEntry entry) {
        try {
            return LogRecord.decode(log.read(entry.location(), entry.length(), buffers.get()), 0).previous();
        } catch (IOException e) {
            return null;
        }
    }

    private StoredValue read(String key, IndexEntry entry, ByteBuffer reuse) throws Segment.SegmentRetiredException {
        try {
            ByteBuffer buf = log.read(entry.location(), entry.length(), reuse);
            if (!LogRecord.hasUuid(buf, entry.uuid())) {
                throw new IOException("record at " + entry.location() + " is not the indexed version of " + key);
            }
            return new StoredValue(key, entry.version(state.index.writers()), entry.expiresAt(), entry.tombstone(),
                    entry.tombstone() ? null : data(buf));
        } catch (Segment.SegmentRetiredException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON of the record held in {@code buf} (position 0 to its limit). */
    private static byte[] data(ByteBuffer buf) {
        try {
            int start = LogRecord.payloadStart(buf);
            return PayloadCodec.decode(LogRecord.compressed(buf), buf, start, buf.limit() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
