package io.kvs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final int FREE_PORT = 18151;
    private static final int TAKEN_PORT = 18152;

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
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, "data_dir: \"" + dir.resolve("data") + "\"\nport: " + port + "\n");
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
