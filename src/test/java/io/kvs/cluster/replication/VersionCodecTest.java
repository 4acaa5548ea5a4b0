package io.kvs.cluster.replication;

import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VersionCodecTest {

    private static final StoredValue VALUE = new StoredValue("users/jöhn/profile",
            new Version(1_700_000_000_123L, 1_600_000_000_000L, UUID.randomUUID(), "node-1"), 1_800_000_000_000L,
            false, "{ \"name\" : \"J\\u00f6hn\",  \"n\": 1.50 }".getBytes(StandardCharsets.UTF_8));
    private static final StoredValue TOMBSTONE = new StoredValue("gone",
            new Version(5, 6, UUID.randomUUID(), "node-2"), 0, true, null);

    @Test
    void versionsSurviveTheTripByteForByte() throws IOException {
        List<StoredValue> back = roundTrip(List.of(VALUE, TOMBSTONE));

        assertEquals(2, back.size());
        assertEquals(VALUE.key(), back.get(0).key());
        assertEquals(VALUE.version(), back.get(0).version());
        assertEquals(VALUE.expiresAt(), back.get(0).expiresAt());
        assertArrayEquals(VALUE.data(), back.get(0).data());
        assertEquals(TOMBSTONE.version(), back.get(1).version());
        assertEquals(true, back.get(1).tombstone());
        assertNull(back.get(1).data());
    }

    @Test
    void anEmptyBatchIsValid() throws IOException {
        assertEquals(List.of(), roundTrip(List.of()));
    }

    @Test
    void truncatedOrPaddedBodiesAreRefused() throws IOException {
        byte[] body = encode(List.of(VALUE, TOMBSTONE));
        for (int cut : new int[]{0, 1, 5, 20, body.length - 1}) {
            byte[] truncated = Arrays.copyOf(body, cut);
            assertThrows(IOException.class, () -> decode(truncated, 10, 1 << 20), "cut at " + cut);
        }
        byte[] padded = Arrays.copyOf(body, body.length + 1);
        assertThrows(IOException.class, () -> decode(padded, 10, 1 << 20));
    }

    @Test
    void bodiesBeyondTheLimitsOrOfAnotherFormatAreRefused() throws IOException {
        byte[] body = encode(List.of(VALUE, TOMBSTONE));

        assertThrows(IOException.class, () -> decode(body, 1, 1 << 20));
        assertThrows(IOException.class, () -> decode(body, 10, 10));
        byte[] otherFormat = body.clone();
        otherFormat[0] = 2;
        assertThrows(IOException.class, () -> decode(otherFormat, 10, 1 << 20));
    }

    @Test
    void malformedUtf8InAKeyIsRefused() throws IOException {
        byte[] body = encode(List.of(TOMBSTONE));
        body[7] = (byte) 0xC3;

        assertThrows(IOException.class, () -> decode(body, 10, 1 << 20));
    }

    private static List<StoredValue> roundTrip(List<StoredValue> versions) throws IOException {
        return decode(encode(versions), 10, 1 << 20);
    }

    private static byte[] encode(List<StoredValue> versions) {
        return VersionCodec.toBytes(versions);
    }

    private static List<StoredValue> decode(byte[] body, int maxCount, int maxData) throws IOException {
        return VersionCodec.fromBytes(body, maxCount, maxData);
    }
}
