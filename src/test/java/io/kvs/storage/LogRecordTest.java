package io.kvs.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogRecordTest {

    private static final Version VERSION = new Version(1_700_000_000_123L, 42L, UUID.randomUUID(), "node-ä");

    private static ByteBuffer encode(boolean tombstone, String key, byte[] payload, Location previous) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] writer = VERSION.writerNode().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(LogRecord.length(keyBytes, writer, payload == null ? 0 : payload.length));
        LogRecord.encode(buf, tombstone, (byte) 0, keyBytes, VERSION, writer, 99L, previous, payload);
        return buf.flip();
    }

    private static byte[] payloadOf(ByteBuffer record) {
        byte[] payload = new byte[record.limit() - LogRecord.payloadStart(record)];
        record.get(LogRecord.payloadStart(record), payload);
        return payload;
    }

    @Test
    void putRecordRoundTripsEveryField() {
        byte[] payload = "{\"a\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = encode(false, "users/jöhn/profile", payload, new Location(7, 123_456_789_012L));

        assertEquals(buf.limit(), LogRecord.validLength(buf, 0, buf.limit()));
        LogRecord record = LogRecord.decode(buf, 0);
        assertFalse(record.tombstone());
        assertEquals("users/jöhn/profile", record.key());
        assertEquals(VERSION, record.version());
        assertEquals(99L, record.expiresAt());
        assertEquals(new Location(7, 123_456_789_012L), record.previous());
        assertArrayEquals(payload, payloadOf(buf));
    }

    @Test
    void tombstoneWithoutPreviousRoundTrips() {
        ByteBuffer buf = encode(true, "k", null, null);

        LogRecord record = LogRecord.decode(buf, 0);
        assertTrue(record.tombstone());
        assertNull(record.previous());
        assertEquals(0, payloadOf(buf).length);
    }

    @Test
    void anyFlippedByteFailsTheCheck() {
        ByteBuffer buf = encode(false, "key", "[true]".getBytes(StandardCharsets.UTF_8), null);
        for (int i = 0; i < buf.limit(); i++) {
            buf.put(i, (byte) (buf.get(i) ^ 0x10));
            assertEquals(-1, LogRecord.validLength(buf, 0, buf.limit()), "flipped byte " + i);
            buf.put(i, (byte) (buf.get(i) ^ 0x10));
        }
        assertEquals(-1, LogRecord.validLength(buf, 0, buf.limit() - 1), "a torn record is not valid");
    }

    @Test
    void relinkCopyChangesOnlyThePreviousLocationAndMarksTheCopy() {
        ByteBuffer buf = encode(false, "key", "1".getBytes(StandardCharsets.UTF_8), new Location(1, 2));
        assertFalse(LogRecord.copy(buf));

        LogRecord.relinkCopy(buf, new Location(9, 4096));

        assertTrue(LogRecord.copy(buf));
        assertFalse(LogRecord.compressed(buf));

        assertEquals(buf.limit(), LogRecord.validLength(buf, 0, buf.limit()));
        LogRecord record = LogRecord.decode(buf, 0);
        assertEquals(new Location(9, 4096), record.previous());
        assertEquals(VERSION, record.version());
        LogRecord.relinkCopy(buf, null);
        assertNull(LogRecord.decode(buf, 0).previous());
    }
}
