package io.kvs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.logging.JsonLogProperties;
import io.kvs.node.StoreLifecycle;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    private static final int FREE_PORT = 19451;
    private static final int TAKEN_PORT = 19452;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final NodeCommand command =
            new NodeCommand(Path.of("/jdk/bin/java"), new Installation(Path.of("").toAbsolutePath()), "");

    @Test
    void invalidConfigExitsWithTheKeyBeforeAnythingIsPrepared() throws IOException {
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "data_dir: \"" + dir.resolve("data") + "\"\nport: 70000\n");

        int status = run(config.toString());

        assertEquals(1, status);
        assertEquals("kvs: config error in " + config + ": port: must be 1..65535, got 70000\n", stderr());
        assertEquals(0, out.size());
        assertFalse(Files.exists(dir.resolve("data")));
    }

    @Test
    void malformedYamlIsAConfigError() throws IOException {
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "port: [8080\n");

        assertEquals(1, run(config.toString()));
        assertTrue(stderr().startsWith("kvs: config error in " + config + ": invalid YAML"), stderr());
        assertEquals(0, out.size());
    }

    @Test
    void portInUseStopsTheStartWithAClearMessage() throws IOException {
        Path config = writeConfig(TAKEN_PORT);
        try (ServerSocket taken = new ServerSocket(TAKEN_PORT, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, run(config.toString()));
        }
        assertTrue(stderr().startsWith("kvs: cannot listen on 127.0.0.1:" + TAKEN_PORT), stderr());
        assertEquals(0, out.size());
    }

    @Test
    void validConfigPreparesDataDirAndPrintsTheCommandNulSeparated() throws IOException {
        Path config = writeConfig(FREE_PORT);
        Path stale = dir.resolve("data/payara/rootdir/applications/old.war");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "from the previous run");

        assertEquals(0, run(config.toString()));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.endsWith("\0"));
        List<String> arguments = Arrays.asList(printed.substring(0, printed.length() - 1).split("\0", -1));
        assertEquals("/jdk/bin/java", arguments.get(0));
        assertTrue(arguments.contains("-Dkvs.config=" + config), arguments.toString());
        assertFalse(Files.exists(stale));
        assertTrue(Files.isDirectory(dir.resolve("data/payara/rootdir")));
        assertTrue(Files.readString(dir.resolve("data/payara/pre-boot-commands.asadmin")).endsWith(
                PayaraRuntimeDir.BIND_ADDRESS_COMMAND + "127.0.0.1\n"));
        assertEquals(JsonLogProperties.render("info"), Files.readString(dir.resolve("data/payara/logging.properties")));
    }

    @Test
    void joiningNodeWithAuthButNoSecretIsRefusedBeforeAnythingIsPrepared() throws IOException {
        Path config = writeConfig(FREE_PORT, "seed_nodes: [\"127.0.0.1:" + TAKEN_PORT + "\"]\nauth_enabled: true\n");

        assertEquals(1, run(config.toString()));

        assertEquals("kvs: " + config + ": " + ClusterSecretSource.refusal(null, dir.resolve("data"), true).orElseThrow()
                + "\n", stderr());
        assertTrue(stderr().contains("copy cluster_secret from the first node's configuration, or the content of its "
                + "{data_dir}/cluster.secret, into this node's configuration as cluster_secret"), stderr());
        assertEquals(0, out.size());
        assertFalse(Files.exists(dir.resolve("data")));
    }

    @Test
    void joiningNodeStartsWithASecretConfiguredOrKeptFromAnEarlierJoin() throws IOException {
        String joining = "seed_nodes: [\"127.0.0.1:" + TAKEN_PORT + "\"]\nauth_enabled: true\n";
        assertEquals(0, run(writeConfig(FREE_PORT, joining + "cluster_secret: \"" + "s".repeat(32) + "\"\n").toString()),
                stderr());

        Files.writeString(dir.resolve("data").resolve(ClusterSecretSource.FILE_NAME), "k".repeat(43) + "\n");
        assertEquals(0, run(writeConfig(FREE_PORT, joining).toString()), stderr());
        assertEquals(0, run(writeConfig(FREE_PORT, "seed_nodes: [\"127.0.0.1:8081\"]\nauth_enabled: false\n")
                .toString()), stderr());
    }

    @Test
    void dataDirOfARunningNodeIsRefusedAndLeftAlone() throws IOException {
        Path config = writeConfig(FREE_PORT, "");
        Path store = dir.resolve("data").resolve(StoreLifecycle.STORE_DIRECTORY);
        Path runtimeFile = Files.createDirectories(dir.resolve("data/payara/rootdir")).resolve("domain.xml");
        Files.writeString(runtimeFile, "the running node's");

        try (Store running = Store.open(new StoreSettings(store, false, false, 3, 1, 1000, 1 << 20, 0.5, 1000, "n1",
                1, System::currentTimeMillis), Thread::new)) {
            assertEquals(1, run(config.toString()));
        }

        assertEquals("kvs: another kvs node (pid " + ProcessHandle.current().pid() + ") holds " + store.resolve("lock")
                + ": two nodes cannot share a data_dir\n", stderr());
        assertEquals(0, out.size());
        assertEquals("the running node's", Files.readString(runtimeFile));
        assertEquals(0, run(config.toString()), "free again once the node has stopped");
    }

    @Test
    void extraArgumentsAreAUsageError() {
        assertEquals(2, Launcher.run(List.of("a.yaml", "b.yaml"), command, print(out), print(err)));
        assertEquals(2, Launcher.run(List.of("--frobnicate"), command, print(out), print(err)));
        assertTrue(stderr().startsWith("usage: ./kvs"), stderr());
        assertEquals(0, out.size());
    }

    @Test
    void listenProblemIsNullForAFreePortAndNamesTheReasonOtherwise() throws IOException {
        assertEquals(null, Launcher.listenProblem("127.0.0.1", FREE_PORT));
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", TAKEN_PORT));
            assertTrue(Launcher.listenProblem("127.0.0.1", TAKEN_PORT).contains("in use"));
        }
    }

    private Path writeConfig(int port) throws IOException {
        return writeConfig(port, "");
    }

    private Path writeConfig(int port, String moreYaml) throws IOException {
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "data_dir: \"" + dir.resolve("data") + "\"\nport: " + port + "\n" + moreYaml);
        return config;
    }

    private int run(String configArg) {
        return Launcher.run(List.of(configArg), command, print(out), print(err));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
