package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFiguresTest {

    @TempDir
    Path dir;

    @Test
    void everyDurableBatchIsReportedWithItsRecordsAndForceTime() throws Exception {
        List<long[]> commits = new CopyOnWriteArrayList<>();
        try (Store store = new TestStores(dir).open()) {
            store.observeCommits((records, forceNanos) -> commits.add(new long[] {records, forceNanos}));
            CompletableFuture<?>[] writes = new CompletableFuture<?>[200];
            for (int i = 0; i < writes.length; i++) {
                writes[i] = store.put("k" + i, json("1"), 0, Precondition.NONE);
            }
            CompletableFuture.allOf(writes).join();
        }
        assertEquals(200, commits.stream().mapToLong(c -> c[0]).sum());
        assertTrue(commits.stream().allMatch(c -> c[1] >= 0), "fsync durability forces every batch");
    }

    @Test
    void failingObserverDoesNotStopTheStore() throws Exception {
        try (Store store = new TestStores(dir).open()) {
            store.observeCommits((records, forceNanos) -> {
                throw new IllegalStateException("metrics broke");
            });
            store.put("a", json("1"), 0, Precondition.NONE).join();
            store.put("b", json("2"), 0, Precondition.NONE).join();
            assertEquals(2, store.liveKeyCount());
        }
    }

    @Test
    void deadFractionGrowsWithOverwrites() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.revisionLimit = 1;
        try (Store store = stores.open()) {
            assertEquals(0.0, store.deadFraction());
            for (int i = 0; i < 10; i++) {
                store.put("same", json("{\"v\":" + i + "}"), 0, Precondition.NONE).join();
            }
            assertTrue(store.deadFraction() > 0.8, "9 of 10 versions are dead: " + store.deadFraction());
        }
    }
}
