package io.kvs.node;

import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.storage.StoreSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreLifecycleTest {

    private static final NodeIdentity IDENTITY = new NodeIdentity("n1", 1234L);

    private static StoreSettings settings(String yaml) {
        KvsConfig config = ConfigLoader.parse("node_id: n1\ndata_dir: \"/var/kvs\"\n" + yaml);
        return StoreLifecycle.settings(config, IDENTITY);
    }

    @Test
    void storeLivesInTheStoreDirectoryOfDataDir() {
        assertEquals(Path.of("/var/kvs/store"), settings("").dataDir());
    }

    @Test
    void settingsFollowTheConfiguration() {
        StoreSettings settings = settings("""
                durability: "fsync"
                compression_enabled: true
                compression_level: 7
                revision_limit: 4
                index_capacity: 5000
                compaction_threshold: 0.25
                tombstone_gc_hours: 2
                """);
        assertTrue(settings.fsync());
        assertTrue(settings.compression());
        assertEquals(7, settings.compressionLevel());
        assertEquals(4, settings.revisionLimit());
        assertEquals(5000, settings.indexCapacity());
        assertEquals(0.25, settings.compactionThreshold());
        assertEquals(TimeUnit.HOURS.toMillis(2), settings.tombstoneGcMillis());
        assertEquals(StoreLifecycle.SEGMENT_BYTES, settings.segmentBytes());
        assertEquals("n1", settings.nodeId());
        assertEquals(1234L, settings.joinedTimestamp());
    }

    @Test
    void asyncDurabilitySkipsTheForce() {
        assertFalse(settings("durability: \"async\"\n").fsync());
    }

    @Test
    void withoutRevisionHistoryOnlyTheLiveVersionIsKept() {
        assertEquals(1, settings("revision_history_enabled: false\nrevision_limit: 4\n").revisionLimit());
    }
}
