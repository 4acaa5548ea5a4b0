package io.kvs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeCommandTest {

    private static final Installation INSTALLATION = new Installation(Path.of("/opt/kvs"));
    private static final Path CONFIG_FILE = Path.of("/etc/kvs/node1.yaml");
    private static final KvsConfig CONFIG = ConfigLoader.parse("port: 18160\ndata_dir: \"/var/lib/kvs\"\n");

    @Test
    void nodeRunsPayaraMicroWithTheWarTheConfigAndItsOwnRuntimeDir() {
        List<String> command = new NodeCommand(Path.of("/jdk/bin/java"), INSTALLATION, "").forNode(CONFIG, CONFIG_FILE);

        assertEquals(List.of(
                "/jdk/bin/java",
                "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "-Dchronicle.analytics.disable=true",
                "-Dchronicle.announcer.disable=true",
                "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dkvs.config=/etc/kvs/node1.yaml",
                "-Djava.io.tmpdir=/var/lib/kvs/payara/tmp",
                "-jar", "/opt/kvs/target/payara-micro.jar",
                "--deploy", "/opt/kvs/target/kvs.war",
                "--contextroot", "/",
                "--port", "18160",
                "--nohazelcast",
                "--disablephonehome",
                "--rootdir", "/var/lib/kvs/payara/rootdir",
                "--prebootcommandfile", "/var/lib/kvs/payara/pre-boot-commands.asadmin"), command);
    }

    @Test
    void extraJvmOptionsComeAfterOursSoTheyWin() {
        List<String> command = new NodeCommand(Path.of("/jdk/bin/java"), INSTALLATION, "  -Xmx2g   -XX:+UseParallelGC ")
                .forNode(CONFIG, CONFIG_FILE);

        int jar = command.indexOf("-jar");
        assertEquals(List.of("-Xmx2g", "-XX:+UseParallelGC"), command.subList(jar - 2, jar));
    }
}
