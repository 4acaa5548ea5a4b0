package io.kvs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * The commented YAML file written when a node starts without one. It is also the single definition of the defaults:
 * the loader reads its values under whatever the user's file sets, so the generated file and the defaults cannot
 * drift apart.
 */
final class ConfigTemplate {

    private static final String RESOURCE = "default-config.yaml";
    private static final String NODE_ID_SLOT = "@node_id@";

    private ConfigTemplate() {
    }

    /** The template with this machine's hostname as the node id. */
    static String text() {
        return raw().replace(NODE_ID_SLOT, quoted(hostname()));
    }

    private static String raw() {
        try (InputStream in = ConfigTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the kvs build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String scalar) {
        Dump dump = new Dump(DumpSettings.builder().setDefaultScalarStyle(ScalarStyle.DOUBLE_QUOTED).build());
        return dump.dumpToString(scalar).strip();
    }

    /**
     * The kernel's hostname, as Go's os.Hostname reads it; only where that file is absent do we ask InetAddress,
     * which may consult DNS.
     */
    static String hostname() {
        Path kernelHostname = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernelHostname)) {
                return Files.readString(kernelHostname).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot determine this machine's hostname for node_id", e);
        }
    }
}
