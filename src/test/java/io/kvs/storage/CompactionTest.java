package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {

    @TempDir
    Path dir;

    private static String padded(int i) {
        return "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}";
    }

    private static List<String> history(Store store, String key) {
        return store.history(key, 100).stream().map(v -> v.tombstone() ? "-" : text(v)).toList();
    }

    @Test
    void keepsExactlyTheLiveDataAndRetainedRevisionsAndShrinksTheLog() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.revisionLimit = 3;
        stores.segmentBytes = 16 << 10;
        try (Store store = stores.open()) {
            for (int round = 0; round < 10; round++) {
                for (int k = 0; k < 50; k++) {
                    store.put("key/" + k, json(padded(round)), 0, Precondition.NONE).join();
                }
            }
            store.delete("key/7", Precondition.NONE).join();
            long before = store.logBytes();

            CompactionResult result = store.compact();

            assertEquals(before, result.bytesBefore());
            assertEquals(store.logBytes(), result.bytesAfter());
            assertTrue(result.bytesAfter() < before * 0.45, result.toString());
            assertEquals(List.of(padded(9), padded(8), padded(7)), history(store, "key/0"));
            assertTrue(store.get("key/7").isEmpty());
            assertTrue(store.currentVersion("key/7").orElseThrow().tombstone());
            assertEquals(49, store.liveKeyCount());
        }
        try (Store reopened = stores.open()) {
            assertEquals(List.of(padded(9), padded(8), padded(7)), history(reopened, "key/49"));
        }
        Files.delete(dir.resolve("index.cmap"));
        try (Store rebuilt = stores.open()) {
            assertEquals(List.of(padded(9), padded(8), padded(7)), history(rebuilt, "key/49"));
            assertTrue(rebuilt.currentVersion("key/7").orElseThrow().tombstone());
        }
    }

    @Test
    void dropsOldTombstonesWithTheirHistoryAndExpiredRevisions() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.tombstoneGcMillis = 60_000;
        try (Store store = stores.open()) {
            store.put("deleted", json("1"), 0, Precondition.NONE).join();
            store.delete("deleted", Precondition.NONE).join();
            long soon = stores.clock.get() + 1_000;
            store.put("k", json("\"expiring\""), soon, Precondition.NONE).join();
            store.put("k", json("\"kept\""), 0, Precondition.NONE).join();
            store.put("never-reaped", json("1"), soon, Precondition.NONE).join();
            stores.clock.addAndGet(120_000);
            store.put("young", json("1"), 0, Precondition.NONE).join();
            store.delete("young", Precondition.NONE).join();

            store.compact();

            assertTrue(store.currentVersion("deleted").isEmpty(), "purged with its history");
            assertTrue(store.currentVersion("never-reaped").isEmpty(), "expired longer than the purge age");
            assertTrue(store.currentVersion("young").orElseThrow().tombstone(), "too young to purge");
            assertEquals(List.of("\"kept\""), history(store, "k"));
            assertEquals(List.of("young"), store.versions(null, 10).items().stream()
                    .filter(StoredValue::tombstone).map(StoredValue::key).toList());
        }
    }

    @Test
    void readsAndWritesDuringCompactionSeeNoGapAndLeaveNoLinkIntoDeletedSegments() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.revisionLimit = 4;
        stores.segmentBytes = 32 << 10;
        int keys = 2000;
        Map<String, String> expected = new ConcurrentHashMap<>();
        try (Store store = stores.open()) {
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<StoredValue>> writes = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    writes.add(store.put("k" + k, json(padded(round)), 0, Precondition.NONE));
                    expected.put("k" + k, padded(round));
                }
                writes.forEach(CompletableFuture::join);
            }
            AtomicBoolean compacting = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int n = 3; compacting.get() || n < 6; n++) {
                    for (int k = 0; k < keys; k += 7) {
                        store.put("k" + k, json(padded(n)), 0, Precondition.NONE).join();
                        expected.put("k" + k, padded(n));
                    }
                }
            });
            List<Throwable> readFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                for (int n = 0; compacting.get(); n++) {
                    try {
                        String key = "k" + (n * 31 % keys);
                        store.get(key).orElseThrow();
                        assertTrue(store.history(key, 4).size() >= 3);
                    } catch (RuntimeException | AssertionError e) {
                        readFailures.add(e);
                    }
                }
            });
            writer.start();
            reader.start();
            store.compact();
            compacting.set(false);
            writer.join();
            reader.join();
            assertEquals(List.of(), readFailures, "reads racing the compaction");
            store.compact();

            for (int k = 0; k < keys; k++) {
                assertEquals(expected.get("k" + k), text(store.get("k" + k).orElseThrow()));
                List<String> history = history(store, "k" + k);
                assertEquals(k % 7 == 0 ? 4 : 3, history.size(), "history of k" + k + ": " + history);
            }
        }
        Files.delete(dir.resolve("clean-shutdown"));
        try (Store rebuilt = stores.open()) {
            for (int k = 0; k < keys; k++) {
                assertEquals(expected.get("k" + k), text(rebuilt.get("k" + k).orElseThrow()));
            }
        }
    }

    @Test
    void compactsOnlyWhenTheDeadSharePassesTheThreshold() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.revisionLimit = 1;
        try (Store store = stores.open()) {
            for (int k = 0; k < 400; k++) {
                store.put("k" + k, json(padded(0)), 0, Precondition.NONE).join();
            }
            assertNull(store.compactIfNeeded(), "nothing is dead yet");
            for (int k = 0; k < 400; k++) {
                store.put("k" + k, json(padded(1)), 0, Precondition.NONE).join();
            }
            assertNull(store.compactIfNeeded(), "half dead is not past 0.5");
            for (int k = 0; k < 400; k++) {
                store.put("k" + k, json(padded(2)), 0, Precondition.NONE).join();
            }

            CompactionResult result = store.compactIfNeeded();

            assertTrue(result != null && result.bytesAfter() < result.bytesBefore() / 2, String.valueOf(result));
            assertNull(store.compactIfNeeded(), "nothing left to reclaim");
            assertEquals(padded(2), text(store.get("k399").orElseThrow()));
        }
    }

    @Test
    void aCrashBetweenPublishingCopiesAndDeletingOriginalsRebuildsTheSameData() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.revisionLimit = 3;
        stores.segmentBytes = 16 << 10;
        Path crashed = dir.resolve("crashed");
        try (Store store = stores.open()) {
            for (int round = 0; round < 6; round++) {
                for (int k = 0; k < 50; k++) {
                    store.put("key/" + k, json(padded(round)), 0, Precondition.NONE).join();
                }
            }
            store.delete("key/3", Precondition.NONE).join();
        }
        Files.createDirectories(crashed.resolve("log"));
        for (Path segment : RecoveryTest.segments(dir)) {
            Files.copy(segment, crashed.resolve("log").resolve(segment.getFileName()));
        }
        try (Store store = stores.open()) {
            store.compact();
        }
        // originals still there, copies published, plus an unfinished output file
        for (Path segment : RecoveryTest.segments(dir)) {
            Path target = crashed.resolve("log").resolve(segment.getFileName());
            if (!Files.exists(target)) {
                Files.copy(segment, target);
            }
        }
        Files.write(crashed.resolve("log").resolve("00009999.seg.tmp"), new byte[100]);

        try (Store rebuilt = stores.open(crashed)) {
            for (int k = 0; k < 50; k++) {
                if (k != 3) {
                    assertEquals(List.of(padded(5), padded(4), padded(3)), history(rebuilt, "key/" + k));
                }
            }
            assertTrue(rebuilt.currentVersion("key/3").orElseThrow().tombstone());
            assertTrue(Files.notExists(crashed.resolve("log").resolve("00009999.seg.tmp")));
            rebuilt.compact();
            assertEquals(List.of(padded(5), padded(4), padded(3)), history(rebuilt, "key/0"));
        }
    }

    /**
     * Issue 12 #5: a crash after compaction swapped a chunk into the index and a write linked its previous revision
     * to the copy. The copy must be on disk under its final name by then, or the write's history ends in a file
     * that recovery deletes (and whose number a later segment would reuse).
     */
    @Test
    void aCrashAfterASwapKeepsTheHistoryOfWritesThatLinkIntoTheCopies() throws Exception {
        TestStores stores = new TestStores(dir.resolve("live"));
        stores.revisionLimit = 3;
        Path crashed = dir.resolve("crashed");
        int keys = 3000;
        try (Store store = stores.open()) {
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<StoredValue>> writes = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    writes.add(store.put("k" + k, json(padded(round)), 0, Precondition.NONE));
                }
                writes.forEach(CompletableFuture::join);
            }
            AtomicBoolean first = new AtomicBoolean(true);
            store.afterCompactionSwap(() -> {
                if (first.getAndSet(false)) {
                    store.put("k0", json(padded(3)), 0, Precondition.NONE).join();
                    copyAsACrashLeavesIt(dir.resolve("live"), crashed);
                }
            });
            store.compact();
        }
        try (Store rebuilt = stores.open(crashed)) {
            assertEquals(List.of(padded(3), padded(2), padded(1)), history(rebuilt, "k0"));
            for (int k = 1; k < keys; k += 97) {
                assertEquals(List.of(padded(2), padded(1), padded(0)), history(rebuilt, "k" + k));
            }
        }
    }

    @Test
    void aTemporaryFileLeftByACrashKeepsItsNumberFromBeingGivenOutAgain() throws Exception {
        Path logDir = dir.resolve("log");
        Files.createDirectories(logDir);
        Files.write(logDir.resolve("00000001.seg"), new byte[0]);
        Files.write(logDir.resolve("00000005.seg.tmp"), new byte[100]);
        try (AppendLog log = AppendLog.open(logDir)) {
            assertEquals(1, log.active().number);
            assertEquals(6, log.roll(false).number);
            assertTrue(Files.notExists(logDir.resolve("00000005.seg.tmp")));
        }
    }

    /** Every file as it is on disk now, without the clean-shutdown marker: what kill -9 would leave. */
    private static void copyAsACrashLeavesIt(Path from, Path to) {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("clean-shutdown")) {
                    Files.copy(file, target);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
