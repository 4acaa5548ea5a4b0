package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

    @TempDir
    Path dir;

    private TestStores stores() {
        return new TestStores(dir);
    }

    private static void putAll(Store store, String... keys) {
        for (String key : keys) {
            store.put(key, json("\"value of " + key + "\""), 0, Precondition.NONE).join();
        }
    }

    private static void assertHolds(Store store, String... keys) {
        for (String key : keys) {
            assertEquals("\"value of " + key + "\"", text(store.get(key).orElseThrow(() ->
                    new AssertionError("missing " + key))));
        }
    }

    static List<Path> segments(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("log"))) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        }
    }

    /** What a crash leaves: the marker is written only by a clean close. */
    private void forgetCleanClose() throws IOException {
        Files.delete(dir.resolve("clean-shutdown"));
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
    }

    @Test
    void tornTailIsTruncatedAndEarlierRecordsSurvive() throws Exception {
        TestStores stores = stores();
        try (Store store = stores.open()) {
            putAll(store, "a", "b", "c");
        }
        forgetCleanClose();
        Path segment = segments(dir).get(0);
        long size = Files.size(segment);
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.setLength(size - 10);
        }

        try (Store store = stores.open()) {
            assertHolds(store, "a", "b");
            assertTrue(store.get("c").isEmpty());
            putAll(store, "d");
        }
        try (Store store = stores.open()) {
            assertHolds(store, "a", "b", "d");
        }
    }

    @Test
    void lastRecordFailingItsCrcIsTruncated() throws Exception {
        TestStores stores = stores();
        try (Store store = stores.open()) {
            putAll(store, "a", "b", "c");
        }
        forgetCleanClose();
        Path segment = segments(dir).get(0);
        flipByte(segment, Files.size(segment) - 3);

        try (Store store = stores.open()) {
            assertHolds(store, "a", "b");
            assertTrue(store.get("c").isEmpty());
            putAll(store, "c2");
        }
        try (Store store = stores.open()) {
            assertHolds(store, "a", "b", "c2");
        }
    }

    @Test
    void corruptRecordInTheMiddleIsSkippedAndTheRecordsAfterItKept() throws Exception {
        TestStores stores = stores();
        stores.segmentBytes = 4096;
        String[] keys = new String[120];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "key-" + i;
        }
        try (Store store = stores.open()) {
            putAll(store, keys);
        }
        forgetCleanClose();
        assertTrue(segments(dir).size() > 2);
        flipByte(segments(dir).get(0), 30);

        try (Store store = stores.open()) {
            assertTrue(store.get("key-0").isEmpty(), "the damaged record is lost");
            assertHolds(store, java.util.Arrays.copyOfRange(keys, 1, keys.length));
        }
    }

    @Test
    void indexIsRebuiltWhenItsFileIsDeleted() throws Exception {
        TestStores stores = stores();
        try (Store store = stores.open()) {
            putAll(store, "a", "b");
            store.delete("a", Precondition.NONE).join();
        }
        Files.delete(dir.resolve("index.cmap"));

        try (Store store = stores.open()) {
            assertTrue(store.get("a").isEmpty());
            assertTrue(store.currentVersion("a").orElseThrow().tombstone());
            assertHolds(store, "b");
        }
    }

    @Test
    void indexIsRebuiltWhenItsFileIsGarbage() throws Exception {
        TestStores stores = stores();
        try (Store store = stores.open()) {
            putAll(store, "a", "b");
        }
        byte[] garbage = new byte[(int) Files.size(dir.resolve("index.cmap"))];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(dir.resolve("index.cmap"), garbage);

        try (Store store = stores.open()) {
            assertHolds(store, "a", "b");
            putAll(store, "c");
        }
        try (Store store = stores.open()) {
            assertHolds(store, "a", "b", "c");
        }
    }

    @Test
    void uncleanCloseRebuildsTheSameData() throws Exception {
        TestStores stores = stores();
        StoredValue b;
        try (Store store = stores.open()) {
            putAll(store, "a", "b");
            b = store.put("b", json("\"value of b\""), 0, Precondition.NONE).join();
        }
        forgetCleanClose();

        try (Store store = stores.open()) {
            assertHolds(store, "a", "b");
            assertEquals(b.version(), store.get("b").orElseThrow().version());
            assertEquals(2, store.history("b", 10).size());
            assertEquals(2, store.liveKeyCount());
        }
    }

    @Test
    void cleanOpenReplaysTheLogFromTheCheckpoint() throws Exception {
        Path other = dir.resolve("other");
        TestStores stores = stores();
        try (Store store = stores.open(other)) {
            putAll(store, "a");
        }
        // the index and marker of that close, with the log of a later session appended behind the checkpoint
        Path indexAfterA = dir.resolve("index-a");
        Files.copy(other.resolve("index.cmap"), indexAfterA);
        try (Store store = stores.open(other)) {
            putAll(store, "b");
        }
        Files.copy(indexAfterA, other.resolve("index.cmap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (Store store = stores.open(other)) {
            assertHolds(store, "a", "b");
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesACrash() throws Exception {
        TestStores stores = stores();
        Path copy = dir.resolve("crash-copy");
        int acknowledged;
        try (Store store = stores.open(dir.resolve("live"))) {
            List<java.util.concurrent.CompletableFuture<StoredValue>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                writes.add(store.put("k" + i, json(String.valueOf(i)), 0, Precondition.NONE));
            }
            acknowledged = 0;
            while (acknowledged < writes.size() && writes.get(acknowledged).isDone()) {
                acknowledged++;
            }
            writes.get(250).join();
            acknowledged = Math.max(acknowledged, 251);
            // the store is still open and writing: a copy now is what a kill -9 would leave behind
            copyTree(dir.resolve("live"), copy);
        }

        try (Store recovered = stores.open(copy)) {
            for (int i = 0; i < acknowledged; i++) {
                assertEquals(String.valueOf(i), text(recovered.get("k" + i).orElseThrow()));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
