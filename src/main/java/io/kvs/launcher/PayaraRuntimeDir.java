package io.kvs.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Payara's files for one run of a node, in {@code {data_dir}/payara}: its rootdir, the JVM's temp dir and the
 * pre-boot command file. Emptied at every start: a reused rootdir makes Payara first redeploy the WAR recorded
 * there, then undeploy it and deploy the new one (30-35 s to ready instead of ~12 s, and a spurious @PreDestroy).
 */
record PayaraRuntimeDir(Path dataDir) {

    // Payara Micro has no flag for the listen address: the http-listener's address attribute is set before boot.
    static final String BIND_ADDRESS_COMMAND =
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=";

    Path root() {
        return dataDir.resolve("payara");
    }

    Path rootDir() {
        return root().resolve("rootdir");
    }

    Path tmpDir() {
        return root().resolve("tmp");
    }

    Path preBootCommands() {
        return root().resolve("pre-boot-commands.asadmin");
    }

    /** Empties the runtime dir and writes this run's pre-boot commands: the shared ones plus the bind address. */
    void prepare(Path sharedPreBootCommands, String bindAddress) throws IOException {
        if (Files.exists(root())) {
            try (Stream<Path> files = Files.walk(root())) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(rootDir());
        Files.createDirectories(tmpDir());
        String shared = Files.readString(sharedPreBootCommands);
        Files.writeString(preBootCommands(), shared + (shared.endsWith("\n") ? "" : "\n") + BIND_ADDRESS_COMMAND
                + bindAddress + "\n");
    }
}
