package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void manyConcurrentPutsAreAllDurableAndReadableAfterReopen() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.segmentBytes = 64 << 10;
        int threads = 16;
        int perThread = 200;
        try (Store store = stores.open()) {
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(callers.submit(() -> {
                    List<CompletableFuture<StoredValue>> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(store.put("t" + thread + "/" + i, json("[" + thread + "," + i + "]"), 0,
                                Precondition.NONE));
                    }
                    mine.forEach(CompletableFuture::join);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            callers.shutdown();
            assertEquals(threads * perThread, store.liveKeyCount());
        }
        Files.delete(dir.resolve("clean-shutdown"));
        try (Store reopened = stores.open()) {
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertEquals("[" + t + "," + i + "]", text(reopened.get("t" + t + "/" + i).orElseThrow()));
                }
            }
            assertEquals(threads * perThread, reopened.liveKeyCount());
        }
    }

    @Test
    void twoWritesOfOneKeyInOneBatchSeeEachOther() throws Exception {
        TestStores stores = new TestStores(dir);
        try (Store store = stores.open()) {
            List<CompletableFuture<StoredValue>> writes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                writes.add(store.put("same", json(String.valueOf(i)), 0, Precondition.NONE));
            }
            long previous = Long.MIN_VALUE;
            for (CompletableFuture<StoredValue> write : writes) {
                long timestamp = write.join().version().timestamp();
                assertEquals(true, timestamp > previous, "each overwrite is stamped above the one it replaced");
                previous = timestamp;
            }
            assertEquals("99", text(store.get("same").orElseThrow()));
            assertEquals(10, store.history("same", 100).size());
        }
    }

    @Test
    void theIndexGrowsPastTheCapacityItWasSizedFor() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.indexCapacity = 1_000;
        int keys = 12_000;
        try (Store store = stores.open()) {
            List<CompletableFuture<StoredValue>> writes = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                writes.add(store.put("key/" + i, json(String.valueOf(i)), 0, Precondition.NONE));
            }
            writes.forEach(CompletableFuture::join);
        }
        try (Store reopened = stores.open()) {
            assertEquals(keys, reopened.liveKeyCount());
            assertEquals("11999", text(reopened.get("key/11999").orElseThrow()));
        }
    }
}
