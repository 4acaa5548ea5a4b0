package io.kvs.tools;

import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.node.NodeIdentity;
import io.kvs.node.StoreLifecycle;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import io.kvs.storage.VersionOrder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Prepares a conflict test (the seed's {@code test_conflict.go}): writes into two STOPPED nodes' data directories,
 * through the real store, different versions of the same keys with EQUAL timestamps, so that once both nodes run
 * and find each other, the version order alone (SPEC §4) must pick the same winner on both:
 * <ul>
 *   <li>{@value #JOIN_KEY}: same timestamp, written by nodes that joined at different times: the earlier one wins;</li>
 *   <li>{@value #DELETED_KEY}: the earlier node deleted it, the later one wrote it: the tombstone wins;</li>
 *   <li>{@value #UUID_PREFIX}0..9: same timestamp and join time: the smaller uuid wins.</li>
 * </ul>
 * Each argument is a node's existing config file (its data_dir and store settings are used), or else a data
 * directory (default settings; created if missing). A node that never ran gets its join time recorded here, the
 * first one earlier than the second.
 * Prints one line per key, {@code <key> <winning uuid>|deleted}, for the test to check both nodes against.
 *
 * <p>Usage: {@code java <chronicle flags> -cp 'target/kvs/WEB-INF/classes:target/kvs/WEB-INF/lib/*'
 * io.kvs.tools.ConflictTool NODE1 NODE2}
 */
public final class ConflictTool {

    static final String JOIN_KEY = "test/conflict/data";
    static final String DELETED_KEY = "test/conflict/deleted";
    static final String UUID_PREFIX = "test/conflict/uuid/";
    private static final int UUID_KEYS = 10;

    record Node(KvsConfig config, NodeIdentity identity) {
    }

    private ConflictTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ConflictTool NODE1 NODE2  (each a config file or a data directory)");
            System.exit(2);
        }
        long now = System.currentTimeMillis();
        Node first = node(args[0], "conflict-1", now - 2_000);
        Node second = node(args[1], "conflict-2", now - 1_000);
        write(first, second, now, System.out);
    }

    /** Writes the conflicting versions at timestamp {@code at} and prints the expected winners to {@code out}. */
    static void write(Node first, Node second, long at, PrintStream out) throws IOException {
        List<StoredValue> forFirst = new ArrayList<>();
        List<StoredValue> forSecond = new ArrayList<>();
        List<String> expected = new ArrayList<>();

        StoredValue a = value(first, JOIN_KEY, at, first.identity.joinedTimestamp());
        StoredValue b = value(second, JOIN_KEY, at, second.identity.joinedTimestamp());
        forFirst.add(a);
        forSecond.add(b);
        expected.add(JOIN_KEY + " " + winner(a, b));

        StoredValue deleted = new StoredValue(DELETED_KEY, version(first, at, first.identity.joinedTimestamp()), 0,
                true, null);
        StoredValue written = value(second, DELETED_KEY, at, second.identity.joinedTimestamp());
        forFirst.add(deleted);
        forSecond.add(written);
        expected.add(DELETED_KEY + " " + winner(deleted, written));

        long sharedJoin = Math.min(first.identity.joinedTimestamp(), second.identity.joinedTimestamp());
        for (int i = 0; i < UUID_KEYS; i++) {
            StoredValue x = value(first, UUID_PREFIX + i, at, sharedJoin);
            StoredValue y = value(second, UUID_PREFIX + i, at, sharedJoin);
            forFirst.add(x);
            forSecond.add(y);
            expected.add(UUID_PREFIX + i + " " + winner(x, y));
        }
        apply(first, forFirst);
        apply(second, forSecond);
        expected.forEach(out::println);
    }

    static Node node(String argument, String defaultNodeId, long joinedIfNew) throws IOException {
        Path path = Path.of(argument);
        KvsConfig config = Files.isRegularFile(path)
                ? ConfigLoader.loadOrCreate(path)
                : ConfigLoader.parse("node_id: \"" + defaultNodeId + "\"\ndata_dir: \"" + path.toAbsolutePath()
                        + "\"");
        return new Node(config, NodeIdentity.loadOrCreate(config.dataDir(), config.nodeId(), () -> joinedIfNew));
    }

    private static void apply(Node node, List<StoredValue> versions) throws IOException {
        try (Store store = Store.open(StoreLifecycle.settings(node.config, node.identity),
                Executors.defaultThreadFactory())) {
            for (StoredValue version : versions) {
                if (!store.applyIfNewer(version).join()) {
                    throw new IllegalStateException(node.config.dataDir() + " already holds a newer version of "
                            + version.key() + ": use data directories of nodes that never saw these keys");
                }
            }
        }
    }

    private static String winner(StoredValue x, StoredValue y) {
        StoredValue winner = VersionOrder.wins(x.version(), y.version()) ? x : y;
        return winner.tombstone() ? "deleted" : winner.version().uuid().toString();
    }

    private static StoredValue value(Node node, String key, long at, long joined) {
        byte[] json = ("{\"written_by\":\"" + node.config.nodeId() + "\"}").getBytes(StandardCharsets.UTF_8);
        return new StoredValue(key, version(node, at, joined), 0, false, json);
    }

    private static Version version(Node node, long at, long joined) {
        return new Version(at, joined, UUID.randomUUID(), node.config.nodeId());
    }
}
