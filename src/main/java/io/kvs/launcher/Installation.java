package io.kvs.launcher;

import java.nio.file.Path;

/** The built kvs checkout a node runs from; ./kvs passes its own directory as system property {@code kvs.home}. */
record Installation(Path home) {

    Path payaraJar() {
        return home.resolve("target/payara-micro.jar");
    }

    Path war() {
        return home.resolve("target/kvs.war");
    }

    /** The asadmin commands every node runs before Payara boots; the per-run file adds the node's own lines. */
    Path preBootCommands() {
        return home.resolve("payara-config/pre-boot-commands.asadmin");
    }
}
