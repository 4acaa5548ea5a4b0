package io.kvs.tools;

import io.kvs.config.ConfigLoader;
import io.kvs.node.NodeIdentity;
import io.kvs.node.StoreLifecycle;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConflictToolTest {

    private static final long AT = 1_700_000_000_000L;

    @TempDir
    Path temp;

    @Test
    void bothNodesHoldDifferentVersionsWithEqualTimestampsAndEitherOrderOfExchangePicksThePrintedWinner()
            throws IOException {
        Path one = temp.resolve("one");
        Path two = temp.resolve("two");
        Map<String, String> expected = run(one, two);

        List<StoredValue> first = versions(one);
        List<StoredValue> second = versions(two);
        assertEquals(12, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).key(), second.get(i).key());
            assertEquals(AT, first.get(i).version().timestamp());
            assertEquals(AT, second.get(i).version().timestamp());
            assertNotEquals(first.get(i).version().uuid(), second.get(i).version().uuid());
        }

        applyAll(one, second);
        applyAll(two, first);
        assertEquals(expected, winners(one));
        assertEquals(expected, winners(two));
        assertEquals("deleted", expected.get(ConflictTool.DELETED_KEY), "the earlier-joined node deleted it");
    }

    @Test
    void aNodeConfigFileIsHonouredAndAKnownJoinTimeKept() throws IOException {
        Path dataDir = temp.resolve("configured");
        NodeIdentity.loadOrCreate(dataDir, "n1", () -> 5L);
        Path config = temp.resolve("n1.yaml");
        Files.writeString(config, "node_id: \"n1\"\ndata_dir: \"" + dataDir + "\"\ncompression_enabled: true\n");

        ConflictTool.write(ConflictTool.node(config.toString(), "ignored", 99), ConflictTool.node(
                temp.resolve("other").toString(), "conflict-2", 10), AT, new PrintStream(new ByteArrayOutputStream()));

        StoredValue joinKey = versions(dataDir).stream().filter(v -> v.key().equals(ConflictTool.JOIN_KEY))
                .findFirst().orElseThrow();
        assertEquals(5L, joinKey.version().joinedTimestamp());
        assertEquals("n1", joinKey.version().writerNode());
    }

    @Test
    void runningTwiceOnTheSameDirectoriesIsRefused() throws IOException {
        Path one = temp.resolve("one");
        Path two = temp.resolve("two");
        run(one, two);

        assertThrows(IllegalStateException.class, () -> run(one, two));
    }

    private static Map<String, String> run(Path one, Path two) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConflictTool.write(ConflictTool.node(one.toString(), "conflict-1", AT - 2_000),
                ConflictTool.node(two.toString(), "conflict-2", AT - 1_000), AT,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        Map<String, String> expected = new HashMap<>();
        printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> {
            String[] parts = line.split(" ");
            expected.put(parts[0], parts[1]);
        });
        return expected;
    }

    private static Store open(Path dataDir) throws IOException {
        return Store.open(StoreLifecycle.settings(ConfigLoader.parse("node_id: \"t\"\ndata_dir: \"" + dataDir + "\""),
                NodeIdentity.loadOrCreate(dataDir, "t", () -> 1L)), Executors.defaultThreadFactory());
    }

    private static List<StoredValue> versions(Path dataDir) throws IOException {
        try (Store store = open(dataDir)) {
            return store.versions(null, 100).items();
        }
    }

    private static void applyAll(Path dataDir, List<StoredValue> withoutData) throws IOException {
        Path source = dataDir.getFileName().toString().equals("one") ? dataDir.resolveSibling("two")
                : dataDir.resolveSibling("one");
        List<StoredValue> full;
        try (Store from = open(source)) {
            full = withoutData.stream().map(v -> v.tombstone() ? v : from.get(v.key()).orElseThrow()).toList();
        }
        try (Store store = open(dataDir)) {
            full.forEach(v -> store.applyIfNewer(v).join());
        }
    }

    private static Map<String, String> winners(Path dataDir) throws IOException {
        Map<String, String> winners = new HashMap<>();
        try (Store store = open(dataDir)) {
            for (StoredValue v : store.versions(null, 100).items()) {
                winners.put(v.key(), v.tombstone() ? "deleted" : v.version().uuid().toString());
            }
        }
        assertTrue(winners.size() == 12);
        return winners;
    }
}
