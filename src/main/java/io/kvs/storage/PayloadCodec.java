package io.kvs.storage;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Turns stored JSON into a record payload and back. With compression on, a value is ZSTD-compressed (on the
 * caller's thread, not the writer's) and kept that way only when it saves a worthwhile share of its bytes; a
 * compressed payload is the raw length (int) followed by one ZSTD frame, so reading allocates exactly the result.
 *
 * <p>Native ZSTD contexts are reused: opening one costs far more than compressing a small value. They are pooled
 * rather than kept per thread because zstd-jni never frees an unclosed context, and request threads come and go;
 * the pools hold at most as many contexts as callers ever ran at once.
 */
final class PayloadCodec implements AutoCloseable {

    /** Below this, a ZSTD frame's own overhead eats any saving. */
    private static final int MIN_COMPRESSIBLE = 64;
    /**
     * A compressed payload must save at least this share (1/n) of the raw bytes: a few bytes saved on a small value
     * are not worth decompressing it on every read.
     */
    private static final int MIN_SAVING_SHARE = 8;
    private static final Queue<ZstdDecompressCtx> DECOMPRESSORS = new ConcurrentLinkedQueue<>();

    /** A payload ready for the log; {@code flags} tells whether it is compressed. */
    record Encoded(byte flags, byte[] bytes) {
    }

    private final boolean enabled;
    private final int level;
    private final Queue<ZstdCompressCtx> compressors = new ConcurrentLinkedQueue<>();

    PayloadCodec(boolean enabled, int level) {
        this.enabled = enabled;
        this.level = level;
    }

    Encoded encode(byte[] json) {
        if (!enabled || json.length < MIN_COMPRESSIBLE) {
            return new Encoded((byte) 0, json);
        }
        byte[] frame = compress(json);
        int compressedLength = 4 + frame.length;
        if (compressedLength > json.length - json.length / MIN_SAVING_SHARE) {
            return new Encoded((byte) 0, json);
        }
        byte[] payload = ByteBuffer.allocate(compressedLength).putInt(json.length).put(frame).array();
        return new Encoded(LogRecord.FLAG_COMPRESSED, payload);
    }

    /**
     * The JSON of a payload held in {@code buf} (a heap buffer) from {@code start} for {@code length} bytes. Reads
     * frames of every writer this store ever had: one-shot frames (with their content size) and the streamed
     * frames of earlier versions (without it) alike.
     */
    static byte[] decode(boolean compressed, ByteBuffer buf, int start, int length) throws IOException {
        if (!compressed) {
            byte[] json = new byte[length];
            buf.get(start, json);
            return json;
        }
        if (length < 4) {
            throw new IOException("compressed payload of " + length + " bytes has no length");
        }
        int rawLength = buf.getInt(start);
        if (rawLength < 0 || rawLength > LogRecord.MAX_LENGTH) {
            throw new IOException("compressed payload claims " + rawLength + " bytes");
        }
        byte[] json = new byte[rawLength];
        ZstdDecompressCtx context = DECOMPRESSORS.poll();
        if (context == null) {
            context = new ZstdDecompressCtx();
        }
        try {
            int read = context.decompressByteArray(json, 0, json.length,
                    buf.array(), buf.arrayOffset() + start + 4, length - 4);
            if (read != json.length) {
                throw new IOException("compressed payload does not hold the recorded " + json.length + " bytes");
            }
        } catch (ZstdException e) {
            // also what a frame holding more than the recorded length fails with
            throw new IOException("corrupt compressed payload: " + e.getMessage(), e);
        } finally {
            context.reset();
            DECOMPRESSORS.offer(context);
        }
        return json;
    }

    private byte[] compress(byte[] json) {
        ZstdCompressCtx context = compressors.poll();
        if (context == null) {
            context = new ZstdCompressCtx().setLevel(level);
        }
        try {
            return context.compress(json);
        } finally {
            compressors.offer(context);
        }
    }

    /** Frees the native compression contexts; call when no encode can run any more. */
    @Override
    public void close() {
        for (ZstdCompressCtx context; (context = compressors.poll()) != null; ) {
            context.close();
        }
    }
}
