package io.kvs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.backup.ArchivePart;
import io.kvs.backup.BackupArchive;
import io.kvs.node.StoreLifecycle;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreCommandTest {

    private static final int PORT = 19453;
    private static final String BACKED_UP_SECRET = "the-secret-of-the-backed-up-node-0123456";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final NodeCommand command =
            new NodeCommand(Path.of("/jdk/bin/java"), new Installation(Path.of("").toAbsolutePath()), "");
    private Path archive;
    private Path config;

    @BeforeEach
    void backupAndConfig() throws IOException {
        Path segment = Files.writeString(dir.resolve("seg"), "log bytes");
        archive = dir.resolve("kvs-n1-20250101-000000.tar.zst");
        BackupArchive.write(archive, Map.of("node_id", "n1", "keys", "3"),
                List.of(new ArchivePart("store/log/00000001.seg", segment, 9)), 3);
        config = dir.resolve("node.yaml");
        Files.writeString(config, "node_id: \"n1\"\nbind_address: \"127.0.0.1\"\nport: " + PORT + "\ndata_dir: \""
                + dir.resolve("data") + "\"\n");
    }

    private int restore(String... args) {
        List<String> all = new ArrayList<>(List.of("restore"));
        all.addAll(List.of(args));
        return Launcher.run(all, command, print(out), print(err));
    }

    @Test
    void restoresIntoAnAbsentDataDirAndPrintsNoCommand() throws IOException {
        assertEquals(0, restore(archive.toString(), config.toString()), stderr());
        assertEquals("log bytes", Files.readString(dir.resolve("data/store/log/00000001.seg")));
        assertTrue(stderr().contains("restored 3 keys of node n1"), stderr());
        assertEquals(0, out.size(), "nothing for the script to exec");
    }

    @Test
    void refusesADataDirThatIsNotEmpty() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("data/store")).resolve("index.cmap");
        Files.writeString(existing, "live");
        assertEquals(1, restore(archive.toString(), config.toString()));
        assertTrue(stderr().contains("not an empty directory"), stderr());
        assertEquals("live", Files.readString(existing));
    }

    @Test
    void refusesWhileANodeListensOnTheConfiguredPort() throws IOException {
        try (ServerSocket node = new ServerSocket(PORT, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, restore(archive.toString(), config.toString()));
        }
        assertTrue(stderr().contains("stop the node"), stderr());
        assertTrue(Files.notExists(dir.resolve("data/store")));
    }

    @Test
    void refusesTheDataDirOfARunningNode() throws IOException {
        Path store = dir.resolve("data").resolve(StoreLifecycle.STORE_DIRECTORY);
        try (Store running = Store.open(new StoreSettings(store, false, false, 3, 1, 1000, 1 << 20, 0.5, 1000, "n1",
                1, System::currentTimeMillis), Thread::new)) {
            assertEquals(1, restore(archive.toString(), config.toString()));
        }
        assertEquals("kvs: another kvs node (pid " + ProcessHandle.current().pid() + ") holds " + store.resolve("lock")
                + ": two nodes cannot share a data_dir; stop that node before restoring into its data_dir\n", stderr());
    }

    /** Issue 12 #6: restoring a node whose tokens nothing would verify afterwards, and no new root made. */
    @Test
    void aRestoreThatWouldOrphanEveryTokenIsRefusedUnlessANewRootIsAsked() throws IOException {
        String secret = BACKED_UP_SECRET;
        Path authArchive = archiveOfAnAuthNode();
        Files.writeString(config, "auth_enabled: true\n", StandardOpenOption.APPEND);

        assertEquals(1, restore(authArchive.toString(), config.toString()));
        assertTrue(stderr().contains("not restored") && stderr().contains("--reset-root"), stderr());
        assertTrue(Files.notExists(dir.resolve("data")), "nothing restored");

        assertEquals(0, restore(authArchive.toString(), config.toString(), "--reset-root"), stderr());
        assertTrue(Files.exists(dir.resolve("data").resolve(ClusterSecretSource.RESET_ROOT_FILE)));
        assertEquals(ClusterSecret.of(secret).jwtKeyFingerprint(),
                Files.readString(dir.resolve("data").resolve(ClusterSecretSource.FINGERPRINT_FILE)).strip());
    }

    @Test
    void aRestoreWithTheBackupsSecretConfiguredKeepsEveryToken() throws IOException {
        String secret = BACKED_UP_SECRET;
        Path authArchive = archiveOfAnAuthNode();
        Files.writeString(config, "auth_enabled: true\ncluster_secret: \"" + secret + "\"\n", StandardOpenOption.APPEND);

        assertEquals(0, restore(authArchive.toString(), config.toString()), stderr());
        assertTrue(Files.notExists(dir.resolve("data").resolve(ClusterSecretSource.RESET_ROOT_FILE)));
    }

    @Test
    void resetRootLeavesTheRequestForTheNextStartOfAStoppedNode() throws IOException {
        Files.writeString(config, "auth_enabled: true\n", StandardOpenOption.APPEND);
        assertEquals(1, Launcher.run(List.of("reset-root", config.toString()), command, print(out), print(err)));
        assertTrue(stderr().contains("no data_dir"), stderr());
        Files.createDirectories(dir.resolve("data"));
        try (ServerSocket node = new ServerSocket(PORT, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, Launcher.run(List.of("reset-root", config.toString()), command, print(out), print(err)));
        }
        assertTrue(Files.notExists(dir.resolve("data").resolve(ClusterSecretSource.RESET_ROOT_FILE)));

        assertEquals(0, Launcher.run(List.of("reset-root", config.toString()), command, print(out), print(err)),
                stderr());
        assertTrue(Files.exists(dir.resolve("data").resolve(ClusterSecretSource.RESET_ROOT_FILE)));
        assertEquals(2, Launcher.run(List.of("reset-root", "a", "b"), command, print(out), print(err)));
        assertEquals(0, out.size(), "nothing for the script to exec");
    }

    @Test
    void missingArchiveAndBadUsageAreRefused() {
        assertEquals(1, restore(dir.resolve("nope.tar.zst").toString(), config.toString()));
        assertTrue(stderr().contains("no backup archive"), stderr());
        assertEquals(2, restore());
        assertEquals(2, restore("a", "b", "c"));
    }

    /** A backup of a node with auth on, whose tokens were made with {@link #BACKED_UP_SECRET}. */
    private Path archiveOfAnAuthNode() throws IOException {
        Path authArchive = dir.resolve("kvs-n1-20250101-000001.tar.zst");
        BackupArchive.write(authArchive, Map.of("node_id", "n1", "keys", "3", BackupArchive.JWT_KEY_FINGERPRINT,
                ClusterSecret.of(BACKED_UP_SECRET).jwtKeyFingerprint()), List.of(), 3);
        return authArchive;
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
