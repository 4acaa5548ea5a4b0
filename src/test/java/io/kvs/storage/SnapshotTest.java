package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

    @TempDir
    Path dir;

    /** Copies the snapshot's segments into {@code target}, as a backup and a later restore do. */
    private static long copy(LogSnapshot snapshot, Path target) throws IOException {
        for (Path segment : snapshot.segments()) {
            Path to = target.resolve(segment);
            Files.createDirectories(to.getParent());
            Files.copy(snapshot.dataDir().resolve(segment), to);
        }
        return snapshot.liveKeys();
    }

    @Test
    void storeOpenedOnTheSnapshotHoldsExactlyTheDataAcknowledgedBeforeIt() throws Exception {
        TestStores stores = new TestStores(dir.resolve("live"));
        Path restored = dir.resolve("restored");
        try (Store store = stores.open()) {
            for (int i = 0; i < 100; i++) {
                store.put("key/" + i, json("{\"v\":" + i + "}"), 0, Precondition.NONE).join();
            }
            store.put("key/5", json("\"overwritten\""), 0, Precondition.NONE).join();
            store.delete("key/6", Precondition.NONE).join();

            long keys = store.readSnapshot(snapshot -> {
                store.put("key/after", json("1"), 0, Precondition.NONE).join();
                store.put("key/7", json("\"changed after\""), 0, Precondition.NONE).join();
                return copy(snapshot, restored);
            });

            assertEquals(99, keys);
            assertTrue(store.get("key/after").isPresent(), "writes go on during the snapshot");
        }
        try (Store copy = stores.open(restored)) {
            assertEquals(99, copy.liveKeyCount());
            assertEquals("\"overwritten\"", text(copy.get("key/5").orElseThrow()));
            assertTrue(copy.get("key/6").isEmpty());
            assertEquals("{\"v\":7}", text(copy.get("key/7").orElseThrow()));
            assertFalse(copy.get("key/after").isPresent());
        }
    }

    @Test
    void compactionWaitsUntilTheSnapshotIsRead() throws Exception {
        TestStores stores = new TestStores(dir);
        try (Store store = stores.open()) {
            for (int i = 0; i < 20; i++) {
                store.put("key", json("{\"v\":" + i + "}"), 0, Precondition.NONE).join();
            }
            CompletableFuture<CompactionResult> compaction = new CompletableFuture<>();
            store.readSnapshot(snapshot -> {
                Thread compactor = new Thread(() -> {
                    try {
                        compaction.complete(store.compact());
                    } catch (Exception e) {
                        compaction.completeExceptionally(e);
                    }
                });
                compactor.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (compactor.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(Thread.State.BLOCKED, compactor.getState(), "compaction waits for the snapshot");
                assertFalse(compaction.isDone());
                for (Path segment : snapshot.segments()) {
                    assertTrue(Files.exists(snapshot.dataDir().resolve(segment)));
                }
                return null;
            });
            compaction.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void emptyStoreGivesAnEmptySnapshot() throws Exception {
        try (Store store = new TestStores(dir).open()) {
            assertEquals(0L, (long) store.readSnapshot(snapshot -> snapshot.liveKeys() + snapshot.segments().size()));
        }
    }
}
