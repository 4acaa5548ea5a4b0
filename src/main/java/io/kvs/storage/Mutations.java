package io.kvs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the writer thread turns one command into a record, against the key's state at that point of the batch:
 * precondition check, version stamping (hybrid clock), revision link, encoding. Nothing is published here; the
 * batch carries the change until it is durable.
 */
final class Mutations {

    private final StoreSettings settings;
    private final Batch batch;
    private final HybridClock clock;
    private final WriterNames writers;
    private final byte[] localWriter;
    private final int localWriterCode;

    Mutations(StoreSettings settings, Batch batch, HybridClock clock, WriterNames writers) {
        this.settings = settings;
        this.batch = batch;
        this.clock = clock;
        this.writers = writers;
        this.localWriter = settings.nodeId().getBytes(StandardCharsets.UTF_8);
        this.localWriterCode = writers.codeFor(settings.nodeId());
    }

    /** Rough record bytes of a command, to cap a batch before deciding it. */
    static long estimatedBytes(WriteCommand command) {
        if (command instanceof WriteCommand.Put put) {
            WriteCommand.Companion companion = put.companion();
            long companionBytes = companion == null ? 0
                    : LogRecord.HEADER + companion.keyBytes().length + companion.payload().bytes().length;
            return LogRecord.HEADER + put.keyBytes().length + put.payload().bytes().length + companionBytes;
        }
        if (command instanceof WriteCommand.Apply apply && apply.payload() != null) {
            return LogRecord.HEADER + apply.keyBytes().length + apply.payload().bytes().length;
        }
        return LogRecord.HEADER;
    }

    void decide(WriteCommand command) {
        try {
            if (command instanceof WriteCommand.Put put) {
                put(put);
            } else if (command instanceof WriteCommand.Delete delete) {
                delete(delete);
            } else if (command instanceof WriteCommand.Apply apply) {
                apply(apply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(WriteCommand.Put put) throws IOException {
        IndexEntry current = batch.current(put.key());
        if (!holds(put.precondition(), current)) {
            batch.answer(put.done(), null, new PreconditionFailedException("precondition failed for " + put.key()));
            return;
        }
        WriteCommand.Companion companion = put.companion();
        if (companion != null) {
            IndexEntry companionCurrent = batch.current(companion.key());
            StoredValue companionValue = new StoredValue(companion.key(), newVersion(companionCurrent),
                    companion.expiresAt(), false, companion.json());
            append(companionValue, companion.keyBytes(), companion.payload(), localWriter, localWriterCode,
                    companionCurrent, false);
        }
        Version version = newVersion(current);
        StoredValue value = new StoredValue(put.key(), version, put.expiresAt(), false, put.json());
        append(value, put.keyBytes(), put.payload(), localWriter, localWriterCode, current, false);
        batch.answer(put.done(), value, null);
    }

    private void delete(WriteCommand.Delete delete) throws IOException {
        IndexEntry current = batch.current(delete.key());
        if (!holds(delete.precondition(), current)) {
            batch.answer(delete.done(), null,
                    new PreconditionFailedException("precondition failed for " + delete.key()));
            return;
        }
        if (current == null || !current.liveAt(settings.clock().getAsLong())) {
            batch.answer(delete.done(), null, new NoLiveValueException(delete.key()));
            return;
        }
        StoredValue tombstone = new StoredValue(delete.key(), newVersion(current), 0, true, null);
        append(tombstone, delete.keyBytes(), null, localWriter, localWriterCode, current, false);
        batch.answer(delete.done(), tombstone, null);
    }

    private void apply(WriteCommand.Apply apply) throws IOException {
        StoredValue value = apply.value();
        Version version = value.version();
        clock.observe(version.timestamp());
        IndexEntry current = batch.current(value.key());
        Version currentVersion = current == null ? null : current.version(writers);
        boolean expectedHolds = apply.expected() == null || (currentVersion != null
                && currentVersion.timestamp() == apply.expected().timestamp()
                && currentVersion.uuid().equals(apply.expected().uuid()));
        if (!expectedHolds || !VersionOrder.wins(version, currentVersion)) {
            batch.answer(apply.done(), false, null);
            return;
        }
        append(value, apply.keyBytes(), apply.payload(), version.writerNode().getBytes(StandardCharsets.UTF_8),
                writers.codeFor(version.writerNode()), current, ExpiryReaper.isReapOf(value, currentVersion));
        batch.answer(apply.done(), true, null);
    }

    private Version newVersion(IndexEntry replaced) {
        long timestamp = clock.stamp(replaced == null ? Long.MIN_VALUE : replaced.timestamp());
        return new Version(timestamp, settings.joinedTimestamp(), randomUuid(), settings.nodeId());
    }

    private void append(StoredValue value, byte[] keyBytes, PayloadCodec.Encoded payload, byte[] writer,
                        int writerCode, IndexEntry current, boolean expiry) throws IOException {
        byte[] bytes = payload == null ? null : payload.bytes();
        byte flags = (byte) ((payload == null ? 0 : payload.flags()) | (expiry ? LogRecord.FLAG_EXPIRY : 0));
        int length = LogRecord.length(keyBytes, writer, bytes == null ? 0 : bytes.length);
        Location previous = current == null || settings.revisionLimit() <= 1 ? null : current.location();
        Location at = batch.reserve(length);
        LogRecord.encode(batch.buffer(), value.tombstone(), flags, keyBytes, value.version(), writer,
                value.expiresAt(), previous, bytes);
        Version version = value.version();
        IndexEntry entry = chained(new IndexEntry(at.segment(), at.offset(), length, version.timestamp(),
                version.joinedTimestamp(), version.uuid(), value.expiresAt(), value.tombstone(), writerCode, 1,
                length), current, settings.revisionLimit());
        batch.change(value.key(), keyBytes, current, entry, new Batch.Applied(value, expiry));
    }

    /**
     * {@code next} with the revision chain estimate carried over from {@code previous}: one more record, or, once
     * the chain is at the limit, one record of average size falling off its end (what compaction will drop).
     */
    static IndexEntry chained(IndexEntry next, IndexEntry previous, int revisionLimit) {
        if (previous == null || revisionLimit <= 1) {
            return next;
        }
        int depth = Math.max(1, previous.depth());
        long carried = depth >= revisionLimit ? previous.chainBytes() - previous.chainBytes() / depth
                : previous.chainBytes();
        return next.movedTo(next.location(), next.length(), Math.min(depth + 1, revisionLimit),
                carried + next.length());
    }

    private boolean holds(Precondition precondition, IndexEntry current) {
        boolean live = current != null && current.liveAt(settings.clock().getAsLong());
        return live ? precondition.holdsForLive(current.uuid()) : precondition.holdsForAbsent();
    }

    /** RFC 4122 version 4; the uuid is an identity, not a secret, so a fast non-cryptographic source will do. */
    private static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
