package io.kvs.cluster.replication;

import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncomingVersionsTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long SKEW = 60_000;

    @TempDir
    Path dir;

    private Store store;
    private IncomingVersions incoming;

    @BeforeEach
    void open() throws IOException {
        store = Store.open(new StoreSettings(dir, false, false, 3, 1, 1_000, 1 << 20, 0.5,
                3_600_000L, "self", 10L, () -> NOW), Thread::new);
        incoming = new IncomingVersions(store, () -> NOW, SKEW);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aWinningVersionIsAppliedAndCounted() {
        assertTrue(incoming.apply(version("k", NOW + 5, "peer", "{\"a\":1}")).join());
        assertEquals("{\"a\":1}", new String(store.get("k").orElseThrow().data(), StandardCharsets.UTF_8));
        assertEquals(1, incoming.applied());
        assertEquals(0, incoming.conflictsResolved());
    }

    /** One forged version at Long.MAX_VALUE used to pin the store's clock there for good (issue 12, item 4). */
    @Test
    void aVersionStampedBeyondTheSkewIsRefusedAndTheClockStaysPut() {
        assertFalse(incoming.apply(version("k", Long.MAX_VALUE, "forger", "1")).join());
        assertFalse(incoming.apply(version("k", NOW + SKEW + 1, "fast", "2")).join());
        assertEquals(2, incoming.refusedAhead());
        assertTrue(store.get("k").isEmpty());
        StoredValue local = store.put("k", "3".getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE).join();
        assertTrue(local.version().timestamp() <= NOW + 1, "stamped " + local.version().timestamp());
        assertTrue(incoming.apply(version("k", NOW + SKEW, "peer", "4")).join(), "at the limit it is accepted");
    }

    @Test
    void aRepeatIsNeitherAppliedNorAConflict() {
        StoredValue version = version("k", NOW + 5, "peer", "1");
        incoming.apply(version).join();
        assertFalse(incoming.apply(version).join());
        assertEquals(1, incoming.applied());
        assertEquals(0, incoming.conflictsResolved());
    }

    @Test
    void aVersionLosingToALocalWriteIsAResolvedConflict() {
        store.put("k", "\"local\"".getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE).join();
        assertFalse(incoming.apply(version("k", NOW - 1, "peer", "\"stale\"")).join());
        assertEquals("\"local\"", new String(store.get("k").orElseThrow().data(), StandardCharsets.UTF_8));
        assertEquals(0, incoming.applied());
        assertEquals(1, incoming.conflictsResolved());
    }

    @Test
    void applyAllCountsTheWinners() {
        StoredValue newer = version("k", NOW + 10, "peer", "2");
        int applied = incoming.applyAll(List.of(version("k", NOW + 5, "peer", "1"), newer,
                version("other", NOW, "peer", "3"))).join();
        assertEquals(3, applied, "applied in order, each one wins when it arrives");
        assertEquals(newer.version(), store.currentVersion("k").orElseThrow().version());
    }

    private static StoredValue version(String key, long timestamp, String writer, String json) {
        return new StoredValue(key, new Version(timestamp, 1L, UUID.randomUUID(), writer), 0, false,
                json.getBytes(StandardCharsets.UTF_8));
    }
}
