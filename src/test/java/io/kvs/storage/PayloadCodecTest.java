package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    private static final String DOCUMENT = "{\"items\":["
            + "{\"sku\":\"A-1\",\"qty\":1,\"price\":9.99},".repeat(8) + "{}]}";
    /** About 100 bytes with little to repeat: ZSTD saves a byte or two on it. */
    private static final String SMALL_DOCUMENT =
            "{\"id\":1234,\"name\":\"user-0001234\",\"email\":\"user-0001234@example.com\",\"active\":true,"
                    + "\"tags\":[\"bench\",\"kvs\"]}";

    private final PayloadCodec codec = new PayloadCodec(true, 3);

    @Test
    void compressibleValuesAreCompressedAndDecodeToTheSameBytes() throws Exception {
        PayloadCodec.Encoded encoded = codec.encode(json(DOCUMENT));

        assertEquals(LogRecord.FLAG_COMPRESSED, encoded.flags());
        assertEquals(true, encoded.bytes().length < DOCUMENT.length() / 2);
        assertArrayEquals(json(DOCUMENT), decode(encoded));
    }

    @Test
    void valuesWhereCompressionSavesLittleOrNothingAreStoredAsTheyAre() throws Exception {
        for (String json : new String[] {"{\"a\":1}", SMALL_DOCUMENT}) {
            PayloadCodec.Encoded encoded = codec.encode(json(json));

            assertEquals(0, encoded.flags(), json);
            assertArrayEquals(json(json), encoded.bytes());
            assertArrayEquals(json(json), decode(encoded));
        }
    }

    @Test
    void payloadsStreamedByEarlierVersionsStillDecode() throws Exception {
        ByteArrayOutputStream earlier = new ByteArrayOutputStream();
        earlier.writeBytes(ByteBuffer.allocate(4).putInt(DOCUMENT.length()).array());
        try (ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(earlier, 3)) {
            zstd.write(json(DOCUMENT));
        }

        assertArrayEquals(json(DOCUMENT), decode(new PayloadCodec.Encoded(LogRecord.FLAG_COMPRESSED,
                earlier.toByteArray())));
    }

    @Test
    void aPayloadThatDoesNotHoldItsRecordedLengthIsAnError() {
        byte[] payload = codec.encode(json(DOCUMENT)).bytes();
        ByteBuffer.wrap(payload).putInt(0, DOCUMENT.length() - 1);
        assertThrows(IOException.class, () -> decode(new PayloadCodec.Encoded(LogRecord.FLAG_COMPRESSED,
                payload)));

        ByteBuffer.wrap(payload).putInt(0, DOCUMENT.length() + 1);
        assertThrows(IOException.class, () -> decode(new PayloadCodec.Encoded(LogRecord.FLAG_COMPRESSED,
                payload)));
    }

    @Test
    void concurrentCallersShareTheContextsSafely() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int caller = t;
            done.add(callers.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    byte[] json = json(DOCUMENT.replace("A-1", "C" + caller + "-" + i));
                    assertArrayEquals(json, decode(codec.encode(json)));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        callers.shutdown();
        codec.close();
    }

    /** Decodes from inside a larger buffer, as the reader does with a whole record. */
    private static byte[] decode(PayloadCodec.Encoded encoded) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(encoded.bytes().length + 20);
        record.position(13).put(encoded.bytes());
        return PayloadCodec.decode(encoded.flags() != 0, record, 13, encoded.bytes().length);
    }
}
