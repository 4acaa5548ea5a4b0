package io.kvs.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * One record of the append log, and its binary format (big-endian):
 * <pre>
 *  0 int   length of the whole record, this field included
 *  4 int   CRC32C of bytes [8, length)
 *  8 byte  type: 1 PUT, 2 TOMBSTONE
 *  9 byte  flags: bit 0 COMPRESSED, bit 1 COPY (compaction moved an older record here: not a change), bit 2
 *          EXPIRY (the tombstone of a reaped expiry)
 * 10 short key length (unsigned)
 * 12 long  timestamp
 * 20 long  writer's joined timestamp
 * 28 long  uuid most significant bits
 * 36 long  uuid least significant bits
 * 44 long  expiresAt (0 = never)
 * 52 int   previous revision's segment (-1 = none)
 * 56 long  previous revision's offset (-1 = none)
 * 64 short writer node id length (unsigned)
 * 66       key (UTF-8), writer node id (UTF-8), payload (the rest)
 * </pre>
 * Decoding yields the header; the payload is read in place ({@link #payloadStart}), never copied twice.
 */
record LogRecord(boolean tombstone, byte flags, String key, Version version, long expiresAt, Location previous) {

    static final int HEADER = 66;
    /** Upper bound on one record; also what keeps a corrupt length field from looking plausible. */
    static final int MAX_LENGTH = 64 << 20;
    static final byte FLAG_COMPRESSED = 1;
    /** Set on every record compaction rewrites: the change feed replays only the originals, once each. */
    static final byte FLAG_COPY = 2;
    static final byte FLAG_EXPIRY = 4;

    private static final byte PUT = 1;
    private static final byte TOMBSTONE = 2;
    private static final int PREVIOUS_AT = 52;

    static int length(byte[] key, byte[] writer, int payloadLength) {
        return HEADER + key.length + writer.length + payloadLength;
    }

    /** Appends one record at {@code out}'s position (which it advances); the caller made room for it. */
    static void encode(ByteBuffer out, boolean tombstone, byte flags, byte[] key, Version version, byte[] writer,
                       long expiresAt, Location previous, byte[] payload) {
        int payloadLength = payload == null ? 0 : payload.length;
        int length = length(key, writer, payloadLength);
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("record of " + length + " bytes exceeds " + MAX_LENGTH);
        }
        int start = out.position();
        out.putInt(length).putInt(0)
                .put(tombstone ? TOMBSTONE : PUT).put(flags).putShort((short) key.length)
                .putLong(version.timestamp()).putLong(version.joinedTimestamp())
                .putLong(version.uuid().getMostSignificantBits()).putLong(version.uuid().getLeastSignificantBits())
                .putLong(expiresAt)
                .putInt(previous == null ? -1 : previous.segment()).putLong(previous == null ? -1 : previous.offset())
                .putShort((short) writer.length)
                .put(key).put(writer);
        if (payload != null) {
            out.put(payload);
        }
        out.putInt(start + 4, crc(out, start, length));
    }

    /**
     * Points the record in {@code record} (position 0, exactly one record) at another previous revision and marks it
     * a copy: relinking is how compaction moves a record, and the moved record is not a new change.
     */
    static void relinkCopy(ByteBuffer record, Location previous) {
        record.put(9, (byte) (record.get(9) | FLAG_COPY));
        record.putInt(PREVIOUS_AT, previous == null ? -1 : previous.segment());
        record.putLong(PREVIOUS_AT + 4, previous == null ? -1 : previous.offset());
        record.putInt(4, crc(record, 0, record.getInt(0)));
    }

    /**
     * Length of the valid record starting at {@code start}, or -1 when the bytes there are not one: implausible
     * header, fewer than {@code available} bytes, or a CRC mismatch.
     */
    static int validLength(ByteBuffer buf, int start, int available) {
        if (available < HEADER) {
            return -1;
        }
        int length = buf.getInt(start);
        byte type = buf.get(start + 8);
        if (length < HEADER || length > available || (type != PUT && type != TOMBSTONE)) {
            return -1;
        }
        int keyLength = Short.toUnsignedInt(buf.getShort(start + 10));
        int writerLength = Short.toUnsignedInt(buf.getShort(start + 64));
        if (HEADER + keyLength + writerLength > length || buf.getInt(start + 4) != crc(buf, start, length)) {
            return -1;
        }
        return length;
    }

    /** Decodes the header of the record at {@code start} of {@code buf}, which the caller validated. */
    static LogRecord decode(ByteBuffer buf, int start) {
        byte flags = buf.get(start + 9);
        int keyLength = Short.toUnsignedInt(buf.getShort(start + 10));
        int writerLength = Short.toUnsignedInt(buf.getShort(start + 64));
        int previousSegment = buf.getInt(start + PREVIOUS_AT);
        Location previous = previousSegment < 0 ? null : new Location(previousSegment, buf.getLong(start + 56));
        Version version = new Version(buf.getLong(start + 12), buf.getLong(start + 20),
                new UUID(buf.getLong(start + 28), buf.getLong(start + 36)),
                text(buf, start + HEADER + keyLength, writerLength));
        return new LogRecord(buf.get(start + 8) == TOMBSTONE, flags, text(buf, start + HEADER, keyLength), version,
                buf.getLong(start + 44), previous);
    }

    /** Whether the record at position 0 of {@code record} is the version with this uuid. */
    static boolean hasUuid(ByteBuffer record, UUID uuid) {
        return record.getLong(28) == uuid.getMostSignificantBits()
                && record.getLong(36) == uuid.getLeastSignificantBits();
    }

    static boolean compressed(ByteBuffer record) {
        return (record.get(9) & FLAG_COMPRESSED) != 0;
    }

    static boolean copy(ByteBuffer record) {
        return (record.get(9) & FLAG_COPY) != 0;
    }

    static boolean expiry(ByteBuffer record) {
        return (record.get(9) & FLAG_EXPIRY) != 0;
    }

    /** Where the payload of the record at position 0 of {@code record} starts. */
    static int payloadStart(ByteBuffer record) {
        return HEADER + Short.toUnsignedInt(record.getShort(10)) + Short.toUnsignedInt(record.getShort(64));
    }

    private static String text(ByteBuffer buf, int at, int length) {
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int crc(ByteBuffer buf, int start, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.slice(start + 8, length - 8));
        return (int) crc.getValue();
    }
}
