package io.kvs.testing;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real kvs.war built by Maven, deployed at the root context, plus the node configuration it reads: written here
 * to {@code target/it/<container>.yaml}, the path arquillian.xml passes as {@code kvs.config} to the Payara of that
 * container, with a fresh data_dir for every deployment.
 */
public final class KvsDeployment {

    private KvsDeployment() {
    }

    /** Writes {@code <container>.yaml} from the IT defaults plus {@code overrides}; returns the WAR as ROOT.war. */
    public static WebArchive war(String container, Map<String, String> overrides) {
        writeConfig(container, overrides);
        WebArchive built = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("kvs.war")));
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(built);
    }

    private static void writeConfig(String name, Map<String, String> overrides) {
        Path directory = Path.of(System.getProperty("kvs.buildDir"), "it");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("node_id", "\"it-" + name + "\"");
        config.put("bind_address", "\"127.0.0.1\"");
        config.put("port", "18250");
        config.put("data_dir", "\"" + directory.resolve("data-" + name + "-" + System.currentTimeMillis()) + "\"");
        config.put("auth_enabled", "false");
        config.put("rate_limiting_enabled", "false");
        config.put("clustering_enabled", "false");
        config.put("backup_enabled", "false");
        config.put("tamper_logging_enabled", "false");
        config.put("max_json_size", Integer.toString(Api.MAX_JSON_SIZE));
        config.put("revision_limit", Integer.toString(Api.REVISION_LIMIT));
        config.put("default_ttl", "\"0\"");
        config.putAll(overrides);
        String yaml = config.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
