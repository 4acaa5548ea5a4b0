package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreWritesTest {

    @TempDir
    Path dir;
    TestStores stores;
    Store store;

    @BeforeEach
    void open() throws Exception {
        stores = new TestStores(dir);
        store = stores.open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private StoredValue put(String key, String value) {
        return store.put(key, json(value), 0, Precondition.NONE).join();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(CompletionException.class, future::join).getCause();
    }

    @Test
    void putStampsAVersionAndGetReturnsTheBytesAsWritten() {
        StoredValue written = put("users/john", "{\"name\": \"John\" }");

        assertEquals(4, written.version().uuid().version());
        assertEquals(stores.clock.get(), written.version().timestamp());
        assertEquals(TestStores.JOINED, written.version().joinedTimestamp());
        assertEquals(TestStores.NODE, written.version().writerNode());
        StoredValue read = store.get("users/john").orElseThrow();
        assertEquals("{\"name\": \"John\" }", text(read));
        assertEquals(written.version(), read.version());
        assertTrue(store.get("users/jane").isEmpty());
    }

    @Test
    void ifMatchWritesOnlyOverTheNamedVersion() {
        StoredValue first = put("k", "1");

        StoredValue second = store.put("k", json("2"), 0, new Precondition.Matches(first.version().uuid())).join();
        Throwable stale = failure(store.put("k", json("3"), 0, new Precondition.Matches(first.version().uuid())));

        assertInstanceOf(PreconditionFailedException.class, stale);
        assertEquals(second.version(), store.get("k").orElseThrow().version());
        assertInstanceOf(PreconditionFailedException.class,
                failure(store.put("absent", json("1"), 0, new Precondition.Matches(UUID.randomUUID()))));
    }

    @Test
    void ifNoneMatchStarWritesOnlyWhenNoLiveValue() {
        store.put("k", json("1"), 0, Precondition.ABSENT).join();
        assertInstanceOf(PreconditionFailedException.class, failure(store.put("k", json("2"), 0, Precondition.ABSENT)));

        store.delete("k", Precondition.NONE).join();
        store.put("k", json("3"), 0, Precondition.ABSENT).join();
        assertEquals("3", text(store.get("k").orElseThrow()));
    }

    @Test
    void deleteLeavesATombstoneAndDeleteOfNothingFails() {
        StoredValue value = put("k", "1");

        StoredValue tombstone = store.delete("k", Precondition.NONE).join();

        assertTrue(tombstone.tombstone());
        assertTrue(VersionOrder.wins(tombstone.version(), value.version()));
        assertTrue(store.get("k").isEmpty());
        assertTrue(store.currentVersion("k").orElseThrow().tombstone());
        assertInstanceOf(NoLiveValueException.class, failure(store.delete("k", Precondition.NONE)));
        assertInstanceOf(NoLiveValueException.class, failure(store.delete("never", Precondition.NONE)));
        assertEquals(0, store.liveKeyCount());
    }

    @Test
    void deleteWithIfMatchOfAnotherVersionFails() {
        put("k", "1");
        assertInstanceOf(PreconditionFailedException.class,
                failure(store.delete("k", new Precondition.Matches(UUID.randomUUID()))));
        assertTrue(store.get("k").isPresent());
    }

    @Test
    void tombstoneBeatsAnOlderReplicatedWrite() {
        StoredValue value = put("k", "1");
        store.delete("k", Precondition.NONE).join();
        StoredValue older = new StoredValue("k", new Version(value.version().timestamp(), 5, UUID.randomUUID(),
                "node-b"), 0, false, json("\"stale\""));

        assertFalse(store.applyIfNewer(older).join());
        assertTrue(store.get("k").isEmpty());
    }

    @Test
    void newerReplicatedVersionIsWrittenUnchangedAndOnlyOnce() {
        put("k", "1");
        Version remote = new Version(stores.clock.get() + 5_000, 2_000, UUID.randomUUID(), "node-b");
        StoredValue incoming = new StoredValue("k", remote, 0, false, json("\"remote\""));

        assertTrue(store.applyIfNewer(incoming).join());
        assertFalse(store.applyIfNewer(incoming).join(), "the same version again does not win");

        StoredValue read = store.get("k").orElseThrow();
        assertEquals(remote, read.version());
        assertEquals("\"remote\"", text(read));
    }

    @Test
    void replicatedTombstoneForAnUnknownKeyIsKept() {
        Version remote = new Version(stores.clock.get(), 2_000, UUID.randomUUID(), "node-b");
        assertTrue(store.applyIfNewer(new StoredValue("gone", remote, 0, true, null)).join());

        assertTrue(store.currentVersion("gone").orElseThrow().tombstone());
        assertEquals(remote, store.currentVersion("gone").orElseThrow().version());
    }

    @Test
    void overwriteIsStampedAboveTheReplacedVersionWhenTheClockGoesBack() {
        StoredValue first = put("k", "1");
        stores.clock.addAndGet(-60_000);

        StoredValue second = put("k", "2");

        assertTrue(second.version().timestamp() > first.version().timestamp());
        assertTrue(VersionOrder.wins(second.version(), first.version()));
    }

    @Test
    void clockStaysAboveTimestampsSeenFromPeers() {
        long future = stores.clock.get() + 3_600_000;
        store.applyIfNewer(new StoredValue("other", new Version(future, 2_000, UUID.randomUUID(), "node-b"), 0,
                false, json("1"))).join();

        assertTrue(put("k", "1").version().timestamp() >= future);
    }

    @Test
    void listenersSeeEveryVersionThatBecameCurrent() {
        List<StoredValue[]> calls = new ArrayList<>();
        store.addListener((previous, current) -> calls.add(new StoredValue[] {previous, current}));

        StoredValue first = put("k", "1");
        StoredValue second = put("k", "2");
        StoredValue tombstone = store.delete("k", Precondition.NONE).join();
        store.put("k", json("x"), 0, Precondition.ABSENT).join();
        store.put("k", json("y"), 0, Precondition.ABSENT).handle((v, e) -> v).join();

        assertEquals(3 + 1, calls.size(), "a failed precondition is not applied");
        assertNull(calls.get(0)[0]);
        assertEquals(first.version(), calls.get(0)[1].version());
        assertEquals("1", text(calls.get(0)[1]));
        assertEquals(first.version(), calls.get(1)[0].version());
        assertEquals(second.version(), calls.get(1)[1].version());
        assertEquals(tombstone.version(), calls.get(2)[1].version());
        assertTrue(calls.get(2)[1].tombstone());
        assertTrue(calls.get(3)[0].tombstone());
    }

    @Test
    void writesAfterCloseFail() {
        store.close();
        assertInstanceOf(IllegalStateException.class, failure(store.put("k", json("1"), 0, Precondition.NONE)));
    }
}
