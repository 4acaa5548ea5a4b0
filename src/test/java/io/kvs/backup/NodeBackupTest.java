package io.kvs.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import io.kvs.storage.StoredValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeBackupTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneId.of("Europe/Berlin"));

    @TempDir
    Path tmp;

    private static Store open(Path storeDir) throws IOException {
        return Store.open(new StoreSettings(storeDir, true, true, 3, 3, 10_000, 64 << 10, 0.5,
                7L * 24 * 3600 * 1000, "n1", 1_000, System::currentTimeMillis), Thread::new);
    }

    private static Map<String, String> contents(Store store) {
        Map<String, String> all = new TreeMap<>();
        for (StoredValue v : store.range(null, null, 10_000, true, key -> true).items()) {
            all.put(v.key(), new String(v.data(), StandardCharsets.UTF_8));
        }
        return all;
    }

    @Test
    void restoredDataDirServesExactlyTheKeysAndValuesOfTheBackup() throws Exception {
        Path dataDir = tmp.resolve("node");
        Path identity = Files.createDirectories(dataDir).resolve("node-identity.properties");
        Files.writeString(identity, "joined_timestamp=1000\n");
        Path extra = Files.writeString(tmp.resolve("chain"), "line 1\nline 2 not yet durable");
        BackupShelf shelf = new BackupShelf(tmp.resolve("backups"), "n1");
        Map<String, String> before;
        BackupResult result;
        try (Store store = open(dataDir.resolve("store"))) {
            for (int i = 0; i < 2_000; i++) {
                store.put("k/" + i, ("{\"i\":" + i + ",\"pad\":\"" + "p".repeat(100) + "\"}")
                        .getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE).join();
            }
            store.delete("k/3", Precondition.NONE).join();
            before = contents(store);
            NodeBackup backup = new NodeBackup(store, dataDir, List.of(identity, dataDir.resolve("absent")),
                    () -> List.of(new ArchivePart("audit/audit.log", extra, 7)), shelf, "n1",
                    Optional.of("00112233445566778899aabbccddeeff"), CLOCK);
            result = backup.backupNow();
            store.put("k/late", "1".getBytes(StandardCharsets.UTF_8), 0, Precondition.NONE).join();
        }
        assertEquals("kvs-n1-20250615-120000.tar.zst", result.file());
        assertEquals(1_999, result.keys());
        Path archive = shelf.dir().resolve(result.file());
        assertEquals(Files.size(archive), result.bytes());

        Path restored = tmp.resolve("restored");
        Map<String, String> manifest = BackupArchive.restore(archive, restored);
        assertEquals("n1", manifest.get("node_id"));
        assertEquals("1999", manifest.get("keys"));
        assertEquals("00112233445566778899aabbccddeeff", manifest.get(BackupArchive.JWT_KEY_FINGERPRINT));
        assertEquals(manifest, BackupArchive.manifest(archive));
        assertEquals("joined_timestamp=1000\n", Files.readString(restored.resolve("node-identity.properties")));
        assertEquals("line 1\n", Files.readString(restored.resolve("audit/audit.log")));
        assertTrue(Files.isDirectory(restored.resolve("store/log")));
        try (Store store = open(restored.resolve("store"))) {
            assertEquals(before, contents(store));
        }
    }
}
