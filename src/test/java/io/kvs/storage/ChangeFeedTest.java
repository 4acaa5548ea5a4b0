package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeFeedTest {

    @TempDir
    Path dir;

    /** Every change after {@code after}, page by page, as a watcher would take them. */
    private static List<Change> all(Store store, long after, int pageSize) {
        List<Change> changes = new ArrayList<>();
        long cursor = after;
        while (true) {
            ChangePage page = store.changesAfter(cursor, pageSize);
            assertFalse(page.reset(), "no reset expected after " + cursor);
            changes.addAll(page.changes());
            if (page.cursor() == cursor && page.changes().isEmpty()) {
                return changes;
            }
            cursor = page.cursor();
        }
    }

    private static List<String> described(List<Change> changes) {
        return changes.stream().map(c -> (c.value().tombstone() ? (c.expired() ? "expired " : "delete ")
                : "put ") + c.value().key() + (c.value().tombstone() ? "" : "=" + text(c.value()))).toList();
    }

    private static void assertIncreasing(List<Change> changes) {
        for (int i = 1; i < changes.size(); i++) {
            assertTrue(changes.get(i).sequence() > changes.get(i - 1).sequence(), "sequence " + i);
        }
    }

    @Test
    void changesAreNumberedInApplyOrderAndTheSameAfterARestart() throws Exception {
        TestStores stores = new TestStores(dir);
        List<Change> live;
        try (Store store = stores.open()) {
            long start = store.lastChange();
            store.put("a", json("1"), 0, Precondition.NONE).join();
            store.put("b", json("2"), 0, Precondition.NONE).join();
            store.put("a", json("3"), 0, Precondition.NONE).join();
            store.delete("b", Precondition.NONE).join();

            live = all(store, start, 100);
        }
        assertEquals(List.of("put a=1", "put b=2", "put a=3", "delete b"), described(live));
        assertIncreasing(live);
        try (Store reopened = stores.open()) {
            List<Change> replayed = all(reopened, 0, 100);
            assertEquals(described(live), described(replayed));
            assertEquals(live.stream().map(Change::sequence).toList(),
                    replayed.stream().map(Change::sequence).toList());
            assertEquals(live.get(2).value().version(), replayed.get(2).value().version());
            assertEquals(described(live.subList(2, 4)), described(all(reopened, live.get(1).sequence(), 100)));
        }
    }

    @Test
    void aVersionFromAPeerIsAChangeAndOneThatLosesIsNone() throws Exception {
        try (Store store = new TestStores(dir).open()) {
            StoredValue written = store.put("k", json("\"mine\""), 0, Precondition.NONE).join();
            long after = store.lastChange();
            Version newer = new Version(written.version().timestamp() + 10, 5, UUID.randomUUID(), "node-b");
            Version older = new Version(written.version().timestamp() - 10, 5, UUID.randomUUID(), "node-c");

            assertTrue(store.applyIfNewer(new StoredValue("k", newer, 0, false, json("\"theirs\""))).join());
            assertFalse(store.applyIfNewer(new StoredValue("k", older, 0, false, json("\"stale\""))).join());

            List<Change> changes = all(store, after, 100);
            assertEquals(List.of("put k=\"theirs\""), described(changes));
            assertEquals(newer, changes.get(0).value().version());
        }
    }

    @Test
    void aReapedExpiryIsReportedAsExpiredLiveAndFromTheLog() throws Exception {
        TestStores stores = new TestStores(dir);
        try (Store store = stores.open()) {
            long after = store.lastChange();
            store.put("short", json("1"), stores.clock.get() + 1_000, Precondition.NONE).join();
            store.put("gone", json("2"), 0, Precondition.NONE).join();
            store.delete("gone", Precondition.NONE).join();
            stores.clock.addAndGet(2_000);
            assertEquals(1, store.reapExpired(stores.clock.get()));

            assertEquals(List.of("put short=1", "put gone=2", "delete gone", "expired short"),
                    described(all(store, after, 100)));
        }
        try (Store reopened = stores.open()) {
            assertEquals(List.of("put short=1", "put gone=2", "delete gone", "expired short"),
                    described(all(reopened, 0, 100)));
        }
    }

    @Test
    void pagesHoldAtMostTheirSizeAndOlderChangesComeFromTheLog() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.indexCapacity = 100_000;
        try (Store store = stores.open()) {
            int count = ChangeFeed.RING_CHANGES + 500;
            List<java.util.concurrent.CompletableFuture<StoredValue>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                writes.add(store.put("key/" + i, json(Integer.toString(i)), 0, Precondition.NONE));
            }
            writes.forEach(java.util.concurrent.CompletableFuture::join);

            ChangePage first = store.changesAfter(0, 7);
            assertEquals(7, first.changes().size());
            assertEquals("key/0", first.changes().get(0).value().key());
            List<Change> changes = all(store, 0, 1000);
            assertEquals(count, changes.size());
            assertIncreasing(changes);
            for (int i = 0; i < count; i++) {
                assertEquals("key/" + i, changes.get(i).value().key());
            }
        }
    }

    @Test
    void compactionMovesTheOriginAndAResumeFromBeforeItIsReset() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.segmentBytes = 4 << 10;
        try (Store store = stores.open()) {
            for (int round = 0; round < 20; round++) {
                for (int k = 0; k < 10; k++) {
                    store.put("key/" + k, json("{\"round\":" + round + ",\"pad\":\"" + "x".repeat(100) + "\"}"), 0,
                            Precondition.NONE).join();
                }
            }
            long beforeCompaction = store.lastChange();

            store.compact();
            store.put("after", json("1"), 0, Precondition.NONE).join();

            ChangePage fromStart = store.changesAfter(0, 100);
            assertTrue(fromStart.reset());
            assertTrue(fromStart.oldest() >= beforeCompaction - (4 << 10) - (1L << 32), "oldest near the seal");
            assertEquals(store.lastChange(), fromStart.cursor(), "after a reset, go on from the newest change");
            // resuming from the oldest point replays what followed the seal, and none of compaction's copies
            assertEquals(List.of("put after=1"), described(all(store, fromStart.oldest(), 100)));
        }
        try (Store reopened = stores.open()) {
            assertTrue(reopened.changesAfter(0, 100).reset(), "the origin survives a restart");
        }
    }

    @Test
    void aNumberBetweenTwoChangesIsResumedAndOneFromTheFutureIsReset() throws Exception {
        try (Store store = new TestStores(dir).open()) {
            store.put("a", json("1"), 0, Precondition.NONE).join();
            store.put("b", json("2"), 0, Precondition.NONE).join();
            long last = store.lastChange();

            assertTrue(store.changesAfter(last + 1, 10).reset(), "from the future");
            assertEquals(List.of("put b=2"), described(store.changesAfter(last - 1, 10).changes()));
            assertTrue(store.changesAfter(last, 10).changes().isEmpty());
        }
        try (Store reopened = new TestStores(dir).open()) {
            long last = reopened.lastChange();
            assertTrue(reopened.changesAfter(last + 1, 10).reset(), "from the future, after a restart");
            List<Change> all = reopened.changesAfter(0, 10).changes();
            assertEquals(List.of("put b=2"), described(reopened.changesAfter(all.get(1).sequence() - 1, 10).changes()),
                    "between two records in the log");
        }
    }

    @Test
    void listenersAreWokenOncePerBatchThatChangedSomething() throws Exception {
        try (Store store = new TestStores(dir).open()) {
            AtomicInteger wakeUps = new AtomicInteger();
            store.onChanges(wakeUps::incrementAndGet);

            store.put("a", json("1"), 0, Precondition.NONE).join();
            store.put("a", json("2"), 0, new Precondition.Matches(UUID.randomUUID())).exceptionally(e -> null).join();

            assertEquals(1, wakeUps.get(), "a refused write changes nothing");
        }
    }
}
