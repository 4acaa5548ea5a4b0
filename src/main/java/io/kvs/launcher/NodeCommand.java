package io.kvs.launcher;

import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of one node's Payara Micro process, derived from its validated configuration. */
record NodeCommand(Path javaBinary, Installation installation, String extraJvmOptions) {

    /** Chronicle Map inside Payara Micro works with exactly these (each of the first two alone fails). */
    static final List<String> CHRONICLE_FLAGS = List.of(
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true");

    /** Without a cap the JVM sizes its heap from the machine (up to 2 GB RSS seen); KVS_JAVA_OPTS can override it. */
    static final String DEFAULT_HEAP = "-Xmx512m";

    List<String> forNode(KvsConfig config, Path configFile) {
        PayaraRuntimeDir runtime = new PayaraRuntimeDir(config.dataDir());
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.addAll(CHRONICLE_FLAGS);
        command.add(DEFAULT_HEAP);
        // A node that ran out of memory may have lost writer or replication threads: better dead than half alive.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-D" + ConfigLoader.SYSTEM_PROPERTY + "=" + configFile);
        command.add("-Djava.io.tmpdir=" + runtime.tmpDir());
        // Appended last so that the operator's -Xmx (or any other flag) wins over ours.
        Arrays.stream(extraJvmOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).forEach(command::add);
        command.addAll(List.of(
                "-jar", installation.payaraJar().toString(),
                "--deploy", installation.war().toString(),
                "--contextroot", "/",
                "--port", Integer.toString(config.port()),
                // No Hazelcast data grid: kvs clusters itself, and the grid would listen on port 6900+ on every
                // interface whatever bind_address says.
                "--nohazelcast",
                // Payara must not call home: a node talks to its peers only.
                "--disablephonehome",
                "--rootdir", runtime.rootDir().toString(),
                "--prebootcommandfile", runtime.preBootCommands().toString()));
        return List.copyOf(command);
    }
}
