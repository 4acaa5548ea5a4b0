package io.kvs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The persisted index: a Chronicle Map from key to a fixed-size {@link IndexEntry}, off-heap in
 * {@code index.cmap}. A cache of the log that can always be rebuilt from it. Besides client keys it holds the
 * checkpoint (log position applied at the last clean close) and the writer-name codes, under keys starting with
 * U+0000, which no client key can (SPEC §1 forbids control characters).
 *
 * <p>Mutated by one thread at a time (the writer thread, or recovery before it starts); read by any thread.
 */
final class KeyIndex implements AutoCloseable {

    private static final String CHECKPOINT = "\u0000checkpoint";
    private static final String WRITER_COUNT = "\u0000writers";
    private static final String WRITER = "\u0000writer:";
    private static final int NAME_PART = IndexEntry.SIZE - 4;
    private static final char RESERVED = '\u0000';

    private final ChronicleMap<String, byte[]> map;
    private final WriterNames writers = new WriterNames(this::persistWriter);
    private final ThreadLocal<byte[]> readBuffer = ThreadLocal.withInitial(() -> new byte[IndexEntry.SIZE]);
    private final byte[] writeBuffer = new byte[IndexEntry.SIZE];

    private KeyIndex(ChronicleMap<String, byte[]> map) {
        this.map = map;
        restoreWriters();
    }

    /** A new empty index, replacing whatever file was there. */
    static KeyIndex create(Path file, long capacity) throws IOException {
        Files.deleteIfExists(file);
        return new KeyIndex(builder(capacity).createPersistedTo(file.toFile()));
    }

    /** Opens the index left by a clean close. */
    static KeyIndex openExisting(Path file, long capacity) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no index file " + file);
        }
        return new KeyIndex(builder(capacity).createPersistedTo(file.toFile()));
    }

    private static ChronicleMapBuilder<String, byte[]> builder(long capacity) {
        return ChronicleMap.of(String.class, byte[].class)
                .name("kvs-index")
                .entries(Math.max(capacity, 1_000))
                .averageKeySize(32)
                .constantValueSizeBySample(new byte[IndexEntry.SIZE])
                // past its sized capacity the map grows (slower) instead of failing writes
                .maxBloatFactor(10)
                .skipCloseOnExitHook(true);
    }

    WriterNames writers() {
        return writers;
    }

    IndexEntry get(String key) {
        byte[] value = map.getUsing(key, readBuffer.get());
        return value == null ? null : IndexEntry.decode(value);
    }

    void put(String key, IndexEntry entry) {
        entry.encode(writeBuffer);
        map.put(key, writeBuffer);
    }

    void remove(String key) {
        map.remove(key);
    }

    /** The log position applied, stored at a clean close; null when there is none. */
    Location checkpoint() {
        byte[] value = map.get(CHECKPOINT);
        if (value == null) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(value);
        return new Location(buf.getInt(0), buf.getLong(4));
    }

    void checkpoint(Location applied) {
        map.put(CHECKPOINT, ByteBuffer.allocate(IndexEntry.SIZE).putInt(applied.segment())
                .putLong(applied.offset()).array());
    }

    /** Stores a writer name as fixed-size parts (length, then up to 68 bytes each), then the new count. */
    private void persistWriter(String name, int code) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int part = 0; part == 0 || part * NAME_PART < bytes.length; part++) {
            int from = part * NAME_PART;
            map.put(WRITER + code + ":" + part, ByteBuffer.allocate(IndexEntry.SIZE).putInt(bytes.length)
                    .put(bytes, from, Math.min(NAME_PART, bytes.length - from)).array());
        }
        map.put(WRITER_COUNT, ByteBuffer.allocate(IndexEntry.SIZE).putInt(code + 1).array());
    }

    private void restoreWriters() {
        byte[] count = map.get(WRITER_COUNT);
        for (int code = 0; count != null && code < ByteBuffer.wrap(count).getInt(0); code++) {
            ByteBuffer first = ByteBuffer.wrap(map.get(WRITER + code + ":0"));
            byte[] bytes = new byte[first.getInt()];
            for (int part = 0; part * NAME_PART < bytes.length; part++) {
                ByteBuffer value = ByteBuffer.wrap(map.get(WRITER + code + ":" + part)).position(4);
                value.get(bytes, part * NAME_PART, Math.min(NAME_PART, bytes.length - part * NAME_PART));
            }
            writers.restore(new String(bytes, StandardCharsets.UTF_8), code);
        }
    }

    /** Visits every client key. */
    void forEach(BiConsumer<String, IndexEntry> visitor) {
        map.forEach((key, value) -> {
            if (key.isEmpty() || key.charAt(0) != RESERVED) {
                visitor.accept(key, IndexEntry.decode(value));
            }
        });
    }

    @Override
    public void close() {
        map.close();
    }
}
