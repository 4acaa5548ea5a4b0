package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreReadsTest {

    @TempDir
    Path dir;
    TestStores stores;
    Store store;

    private Store open() throws Exception {
        stores = stores == null ? new TestStores(dir) : stores;
        store = stores.open();
        return store;
    }

    @AfterEach
    void close() {
        store.close();
    }

    private StoredValue put(String key, String value) {
        return store.put(key, json(value), 0, Precondition.NONE).join();
    }

    private List<String> keys(RangePage page) {
        return page.items().stream().map(StoredValue::key).toList();
    }

    @Test
    void historyIsNewestFirstAndBoundedByTheRevisionLimit() throws Exception {
        stores = new TestStores(dir);
        stores.revisionLimit = 3;
        open();
        for (int i = 1; i <= 5; i++) {
            put("k", String.valueOf(i));
        }

        List<String> all = store.history("k", 100).stream().map(TestStores::text).toList();
        List<String> two = store.history("k", 2).stream().map(TestStores::text).toList();

        assertEquals(List.of("5", "4", "3"), all);
        assertEquals(List.of("5", "4"), two);
    }

    @Test
    void historyStartsAfreshAfterADeleteAndIsEmptyWhenNotLive() throws Exception {
        open();
        put("k", "1");
        store.delete("k", Precondition.NONE).join();
        assertTrue(store.history("k", 10).isEmpty());

        put("k", "2");
        put("k", "3");

        assertEquals(List.of("3", "2"), store.history("k", 10).stream().map(TestStores::text).toList(),
                "whoever re-creates a deleted key never reads what it held before");
    }

    @Test
    void historyStartsAfreshAfterAnExpiry() throws Exception {
        open();
        long now = stores.clock.get();
        store.put("k", json("\"payroll\""), now + 1_000, Precondition.NONE).join();
        stores.clock.addAndGet(1_000);
        put("k", "2");

        assertEquals(List.of("2"), store.history("k", 10).stream().map(TestStores::text).toList());
    }

    @Test
    void aRevisionReplacedWhileLiveStaysInTheHistoryUntilItsOwnExpiry() throws Exception {
        open();
        long now = stores.clock.get();
        store.put("k", json("1"), now + 5_000, Precondition.NONE).join();
        put("k", "2");
        put("k", "3");
        assertEquals(List.of("3", "2", "1"), store.history("k", 10).stream().map(TestStores::text).toList());

        stores.clock.addAndGet(5_000);
        assertEquals(List.of("3", "2"), store.history("k", 10).stream().map(TestStores::text).toList());
    }

    @Test
    void revisionLimitOneKeepsNoHistory() throws Exception {
        stores = new TestStores(dir);
        stores.revisionLimit = 1;
        open();
        put("k", "1");
        put("k", "2");

        assertEquals(List.of("2"), store.history("k", 10).stream().map(TestStores::text).toList());
    }

    @Test
    void expiredValueReadsAsAbsentButKeepsItsVersion() throws Exception {
        open();
        long now = stores.clock.get();
        store.put("k", json("1"), now + 1_000, Precondition.NONE).join();
        assertTrue(store.get("k").isPresent());

        stores.clock.addAndGet(1_000);

        assertTrue(store.get("k").isEmpty());
        assertFalse(store.currentVersion("k").orElseThrow().tombstone());
        assertTrue(store.range(null, null, 10, false, k -> true).items().isEmpty());
    }

    @Test
    void reaperWritesTheSameTombstoneOnEveryNode() throws Exception {
        open();
        long expiresAt = stores.clock.get() + 1_000;
        StoredValue value = store.put("k", json("1"), expiresAt, Precondition.NONE).join();
        store.put("other", json("2"), 0, Precondition.NONE).join();
        assertEquals(0, store.reapExpired(expiresAt - 1));

        int reaped = store.reapExpired(expiresAt);

        assertEquals(1, reaped);
        StoredValue tombstone = store.currentVersion("k").orElseThrow();
        assertTrue(tombstone.tombstone());
        assertEquals(expiresAt, tombstone.version().timestamp());
        assertEquals(value.version().joinedTimestamp(), tombstone.version().joinedTimestamp());
        assertEquals(value.version().writerNode(), tombstone.version().writerNode());
        byte[] uuidBytes = java.nio.ByteBuffer.allocate(16).putLong(value.version().uuid().getMostSignificantBits())
                .putLong(value.version().uuid().getLeastSignificantBits()).array();
        assertEquals(UUID.nameUUIDFromBytes(uuidBytes), tombstone.version().uuid());
        assertEquals(0, store.reapExpired(expiresAt + 10_000), "nothing left to reap");
        assertFalse(store.applyIfNewer(new StoredValue("k", tombstone.version(), 0, true, null)).join(),
                "a peer's identical reap is not newer");
    }

    @Test
    void reaperDoesNotOverwriteAVersionWrittenMeanwhile() throws Exception {
        open();
        long expiresAt = stores.clock.get() + 1_000;
        store.put("k", json("1"), expiresAt, Precondition.NONE).join();
        StoredValue rewritten = put("k", "2");

        assertEquals(0, store.reapExpired(expiresAt + 1));
        assertEquals(rewritten.version(), store.get("k").orElseThrow().version());
    }

    @Test
    void expiriesSurviveAReopen() throws Exception {
        open();
        long expiresAt = stores.clock.get() + 1_000;
        store.put("k", json("1"), expiresAt, Precondition.NONE).join();
        store.close();
        open();

        assertEquals(1, store.reapExpired(expiresAt));
    }

    @Test
    void rangeListsLiveKeysInUnsignedByteOrderWithPaging() throws Exception {
        open();
        for (String key : List.of("b", "a", "é", "a/b", "Z", "c", "zz", "\uD83D\uDE00")) {
            put(key, "1");
        }
        store.delete("c", Precondition.NONE).join();

        assertEquals(List.of("Z", "a", "a/b", "b", "zz", "é", "\uD83D\uDE00"),
                keys(store.range(null, null, 100, false, k -> true)));

        RangePage first = store.range("a", "zz", 2, false, k -> true);
        assertEquals(List.of("a", "a/b"), keys(first));
        assertEquals("b", first.nextStartKey());
        RangePage second = store.range(first.nextStartKey(), "zz", 2, false, k -> true);
        assertEquals(List.of("b"), keys(second));
        assertNull(second.nextStartKey(), "c is deleted and zz is the exclusive end");
    }

    /** ~130 values of 1 MiB and one include_values=true listing used to exhaust the heap (issue 12, item 3). */
    @Test
    void aPageEndsOnceItCarriesItsShareOfValueBytes() throws Exception {
        open();
        String big = "\"" + "x".repeat((1 << 20) - 100) + "\"";
        for (int i = 0; i < 6; i++) {
            put("big/" + i, big);
        }
        RangePage page = store.range(null, null, 100, true, k -> true);
        assertEquals(5, page.items().size(), "values are added until the page holds 4 MiB (4 just miss it)");
        assertEquals("big/5", page.nextStartKey());
        assertEquals(1, store.range(page.nextStartKey(), null, 100, true, k -> true).items().size());
        assertEquals(6, store.range(null, null, 100, false, k -> true).items().size(), "keys alone carry no values");
    }

    @Test
    void aPageEndsOnceItHasLookedAtItsShareOfKeys() throws Exception {
        open();
        for (int i = 0; i < 1_100; i++) {
            put(String.format("hidden/%05d", i), "1");
        }
        put("shown", "1");
        RangePage page = store.range(null, null, 1, false, k -> k.equals("shown"));
        assertTrue(page.items().isEmpty());
        assertEquals("hidden/01010", page.nextStartKey(), "10 x limit + 1000 keys looked at");
        assertEquals(List.of("shown"), keys(store.range(page.nextStartKey(), null, 1, false, k -> k.equals("shown"))));
    }

    /** GET /kv/_range?end_key=%00 answered 500: a bound was validated as if it were a key. */
    @Test
    void anyStringIsARangeBound() throws Exception {
        open();
        put("a", "1");
        assertEquals(List.of(), keys(store.range(null, "\u0000", 10, false, k -> true)));
        assertEquals(List.of("a"), keys(store.range("\u0000", null, 10, false, k -> true)));
    }

    @Test
    void rangeSkipsInvisibleKeysAndCarriesValuesOnRequest() throws Exception {
        open();
        put("a", "1");
        put("b", "2");
        put("c", "3");

        RangePage page = store.range(null, null, 1, true, k -> !k.equals("a"));

        assertEquals(List.of("b"), keys(page));
        assertEquals("2", text(page.items().get(0)));
        assertEquals("c", page.nextStartKey());
        assertNull(store.range(null, null, 5, false, k -> true).items().get(0).data());
    }

    @Test
    void versionsListsTombstonesToo() throws Exception {
        open();
        put("a", "1");
        put("b", "2");
        store.delete("a", Precondition.NONE).join();

        RangePage page = store.versions(null, 10);

        assertEquals(List.of("a", "b"), keys(page));
        assertTrue(page.items().get(0).tombstone());
        assertEquals(1, store.liveKeyCount());
    }

    @Test
    void anInterruptedReaderNeitherFailsNorBreaksReadsForOthers() throws Exception {
        open();
        put("k", "1");

        Thread.currentThread().interrupt();
        StoredValue read = store.get("k").orElseThrow();
        boolean stillInterrupted = Thread.interrupted();

        assertEquals("1", text(read));
        assertTrue(stillInterrupted, "the caller's interrupt is kept for it to handle");
        assertEquals("1", text(store.get("k").orElseThrow()));
        assertEquals("2", text(store.put("k", json("2"), 0, Precondition.NONE).join()));
    }
}
