package io.kvs.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Settings and helpers shared by the storage tests; the clock is a field the test moves by hand. */
final class TestStores {

    static final String NODE = "node-a";
    static final long JOINED = 1_000L;

    final Path dir;
    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    boolean compression;
    int revisionLimit = 10;
    long segmentBytes = 1 << 20;
    long tombstoneGcMillis = 7L * 24 * 3600 * 1000;
    double compactionThreshold = 0.5;
    long indexCapacity = 10_000;

    TestStores(Path dir) {
        this.dir = dir;
    }

    StoreSettings settings() {
        return settings(dir);
    }

    StoreSettings settings(Path dataDir) {
        return new StoreSettings(dataDir, true, compression, 3, revisionLimit, indexCapacity, segmentBytes,
                compactionThreshold, tombstoneGcMillis, NODE, JOINED, clock::get);
    }

    Store open() throws IOException {
        return Store.open(settings(), Thread::new);
    }

    Store open(Path dataDir) throws IOException {
        return Store.open(settings(dataDir), Thread::new);
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(StoredValue value) {
        return new String(value.data(), StandardCharsets.UTF_8);
    }
}
