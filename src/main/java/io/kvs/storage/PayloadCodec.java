package io.kvs.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Turns stored JSON into a record payload and back. With compression on, a value is ZSTD-compressed (on the
 * caller's thread, not the writer's) and kept that way only when it saves bytes; a compressed payload is the raw
 * length (int) followed by the ZSTD frame, so reading allocates exactly the result.
 */
final class PayloadCodec {

    /** Below this, a ZSTD frame's own overhead eats any saving. */
    private static final int MIN_COMPRESSIBLE = 64;

    /** A payload ready for the log; {@code flags} tells whether it is compressed. */
    record Encoded(byte flags, byte[] bytes) {
    }

    private final boolean enabled;
    private final int level;

    PayloadCodec(boolean enabled, int level) {
        this.enabled = enabled;
        this.level = level;
    }

    Encoded encode(byte[] json) {
        if (!enabled || json.length < MIN_COMPRESSIBLE) {
            return new Encoded((byte) 0, json);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 16);
        out.writeBytes(ByteBuffer.allocate(4).putInt(json.length).array());
        try (ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(out, level)) {
            zstd.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() < json.length ? new Encoded(LogRecord.FLAG_COMPRESSED, out.toByteArray())
                : new Encoded((byte) 0, json);
    }

    /** The JSON of a payload held in {@code buf} from {@code start} for {@code length} bytes. */
    static byte[] decode(boolean compressed, ByteBuffer buf, int start, int length) throws IOException {
        if (!compressed) {
            byte[] json = new byte[length];
            buf.get(start, json);
            return json;
        }
        byte[] json = new byte[buf.getInt(start)];
        ByteArrayInputStream frame = new ByteArrayInputStream(buf.array(), buf.arrayOffset() + start + 4, length - 4);
        try (InputStream zstd = new ZstdCompressorInputStream(frame)) {
            int read = zstd.readNBytes(json, 0, json.length);
            if (read != json.length || zstd.read() != -1) {
                throw new IOException("compressed payload does not hold the recorded " + json.length + " bytes");
            }
        }
        return json;
    }
}
