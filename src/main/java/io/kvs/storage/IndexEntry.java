package io.kvs.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * What the index keeps per key: where the current version's record is, the version itself (the writer node as a
 * code of {@link WriterNames}, so the entry stays fixed-size), its expiry, and an estimate of the bytes held by the
 * retained revision chain ({@code depth} records, {@code chainBytes} bytes) from which the dead share is derived.
 */
record IndexEntry(int segment, long offset, int length, long timestamp, long joinedTimestamp, UUID uuid,
                  long expiresAt, boolean tombstone, int writerCode, int depth, long chainBytes) {

    static final int SIZE = 72;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    Location location() {
        return new Location(segment, offset);
    }

    boolean at(Location location) {
        return location != null && segment == location.segment() && offset == location.offset();
    }

    boolean liveAt(long nowMillis) {
        return !tombstone && (expiresAt == 0 || expiresAt > nowMillis);
    }

    Version version(WriterNames writers) {
        return new Version(timestamp, joinedTimestamp, uuid, writers.name(writerCode));
    }

    IndexEntry movedTo(Location location, int newLength, int newDepth, long newChainBytes) {
        return new IndexEntry(location.segment(), location.offset(), newLength, timestamp, joinedTimestamp, uuid,
                expiresAt, tombstone, writerCode, newDepth, newChainBytes);
    }

    void encode(byte[] out) {
        INT.set(out, 0, segment);
        LONG.set(out, 4, offset);
        INT.set(out, 12, length);
        LONG.set(out, 16, timestamp);
        LONG.set(out, 24, joinedTimestamp);
        LONG.set(out, 32, uuid.getMostSignificantBits());
        LONG.set(out, 40, uuid.getLeastSignificantBits());
        LONG.set(out, 48, expiresAt);
        out[56] = (byte) (tombstone ? 1 : 0);
        out[57] = 0;
        SHORT.set(out, 58, (short) writerCode);
        INT.set(out, 60, depth);
        LONG.set(out, 64, chainBytes);
    }

    static IndexEntry decode(byte[] in) {
        return new IndexEntry((int) INT.get(in, 0), (long) LONG.get(in, 4), (int) INT.get(in, 12),
                (long) LONG.get(in, 16), (long) LONG.get(in, 24),
                new UUID((long) LONG.get(in, 32), (long) LONG.get(in, 40)), (long) LONG.get(in, 48), in[56] != 0,
                Short.toUnsignedInt((short) SHORT.get(in, 58)), (int) INT.get(in, 60), (long) LONG.get(in, 64));
    }
}
