package io.kvs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Finds, generates and reads the node's YAML configuration into a validated {@link KvsConfig}. The launcher calls it
 * before Payara starts (so a bad value stops the node before any port is bound) and the WAR calls it again at
 * deployment, with the path the launcher passed as system property {@code kvs.config}.
 */
public final class ConfigLoader {

    public static final String ENV_VARIABLE = "KVS_CONFIG";
    public static final String SYSTEM_PROPERTY = "kvs.config";

    private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
    private static final String DEFAULT_FILE = "config.yaml";
    // "." and ".." would put the default data_dir, ./data/{node_id}, over the directories of the other nodes.
    private static final String NODE_ID_PATTERN = "(?!\\.{1,2}$)[A-Za-z0-9._-]{1,64}";
    // host:port, the host a name, an IPv4 address or a bracketed IPv6 address.
    private static final Pattern SEED = Pattern.compile("([^\\s:/\\[\\]]+|\\[[0-9a-fA-F:.]+\\]):(\\d{1,5})");

    private ConfigLoader() {
    }

    /** The config file: the CLI argument, else {@code $KVS_CONFIG}, else {@code -Dkvs.config}, else ./config.yaml. */
    public static Path locate(String cliArgOrNull) {
        return locate(cliArgOrNull, System.getenv(ENV_VARIABLE), System.getProperty(SYSTEM_PROPERTY));
    }

    /**
     * The config file as seen inside the server: there the {@code kvs.config} property that ./kvs sets plays the part
     * of the command-line argument, so it wins over a {@code $KVS_CONFIG} left in the environment.
     */
    public static Path locateInServer() {
        return locate(System.getProperty(SYSTEM_PROPERTY));
    }

    static Path locate(String cliArg, String environment, String systemProperty) {
        String chosen = Stream.of(cliArg, environment, systemProperty)
                .filter(candidate -> candidate != null && !candidate.isBlank())
                .findFirst()
                .orElse(DEFAULT_FILE);
        return Path.of(chosen).toAbsolutePath().normalize();
    }

    /** Reads {@code file}, first writing it with every key at its default if it does not exist. */
    public static KvsConfig loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read the file: " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Reads YAML text; missing keys take their defaults. Meant for tests that need a config with a few changes. */
    public static KvsConfig parse(String yaml) {
        return parse(yaml, "<yaml text>");
    }

    private static void create(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // The file may later hold cluster_secret: readable by its owner only from the start.
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, ConfigTemplate.text(), StandardCharsets.UTF_8);
            LOG.info("generated " + file + " with every key at its default");
        } catch (FileAlreadyExistsException concurrentlyCreated) {
            LOG.fine("config file appeared while generating it; reading the existing one");
        } catch (IOException e) {
            throw new ConfigException("cannot create the default config file: " + e, e);
        }
    }

    private static KvsConfig parse(String yaml, String source) {
        Map<String, Object> defaults = mapping(ConfigTemplate.text(), "the built-in defaults");
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        mapping(yaml, source).forEach((key, value) -> {
            if (!defaults.containsKey(key)) {
                LOG.warning(source + ": unknown key '" + key + "' ignored");
            } else if (value != null) {
                merged.put(key, value);
            }
        });
        return toConfig(new ConfigValues(merged));
    }

    private static Map<String, Object> mapping(String yaml, String source) {
        Object document;
        try {
            Load load = new Load(LoadSettings.builder().setSchema(new CoreSchema()).setLabel(source).build());
            document = load.loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException("invalid YAML: " + e.getMessage(), e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map)) {
            throw new ConfigException(null, "the document must be a mapping of keys to values, got "
                    + ConfigValues.describe(document));
        }
        Map<String, Object> keyed = new LinkedHashMap<>();
        ((Map<?, ?>) document).forEach((key, value) -> keyed.put(String.valueOf(key), value));
        return keyed;
    }

    private static KvsConfig toConfig(ConfigValues v) {
        Path workingDir = Path.of("").toAbsolutePath();
        String nodeId = v.string("node_id");
        if (!nodeId.matches(NODE_ID_PATTERN)) {
            throw new ConfigException("node_id", "must be 1 to 64 letters, digits, '.', '_' or '-' (not \".\" or"
                    + " \"..\"), got \"" + nodeId + "\"");
        }
        List<String> seeds = v.stringList("seed_nodes");
        seeds.forEach(ConfigLoader::checkSeed);
        int gossipMin = v.integer("gossip_interval_min", 1, Integer.MAX_VALUE);
        int gossipMax = v.integer("gossip_interval_max", 1, Integer.MAX_VALUE);
        if (gossipMax < gossipMin) {
            throw new ConfigException("gossip_interval_max",
                    "must be at least gossip_interval_min (" + gossipMin + "), got " + gossipMax);
        }
        int suspectTimeout = v.integer("member_suspect_timeout", 1, Integer.MAX_VALUE);
        int removeTimeout = v.integer("member_remove_timeout", 1, Integer.MAX_VALUE);
        if (removeTimeout <= suspectTimeout) {
            throw new ConfigException("member_remove_timeout",
                    "must be greater than member_suspect_timeout (" + suspectTimeout + "), got " + removeTimeout);
        }
        return new KvsConfig(
                nodeId,
                v.string("bind_address"),
                v.integer("port", 1, 65535),
                v.path("data_dir", workingDir, nodeId),
                seeds,
                v.bool("read_only"),
                v.oneOf("log_level", List.of("debug", "info", "warn", "error")),
                gossipMin,
                gossipMax,
                v.integer("sync_interval", 1, Integer.MAX_VALUE),
                v.integer("catchup_interval", 1, Integer.MAX_VALUE),
                v.integer("bootstrap_max_age_hours", 1, Integer.MAX_VALUE),
                v.integer("throttle_delay_ms", 0, Integer.MAX_VALUE),
                v.integer("fetch_delay_ms", 0, Integer.MAX_VALUE),
                v.bool("compression_enabled"),
                v.integer("compression_level", 1, 19),
                v.duration("default_ttl", true),
                v.integer("max_json_size", 1, Integer.MAX_VALUE),
                v.integer("rate_limit_requests", 1, Integer.MAX_VALUE),
                v.duration("rate_limit_window", false),
                v.bool("auth_enabled"),
                v.bool("tamper_logging_enabled"),
                v.bool("clustering_enabled"),
                v.bool("rate_limiting_enabled"),
                v.bool("revision_history_enabled"),
                v.bool("allow_anonymous_read"),
                v.bool("allow_anonymous_write"),
                v.bool("backup_enabled"),
                v.cron("backup_schedule"),
                v.path("backup_path", workingDir, nodeId),
                v.integer("backup_retention", 1, Integer.MAX_VALUE),
                v.optionalString("cluster_secret"),
                v.integer("revision_limit", 1, Integer.MAX_VALUE),
                v.integer("tombstone_gc_hours", 1, Integer.MAX_VALUE),
                v.duration("token_ttl", false),
                v.fraction("compaction_threshold"),
                v.permissions("default_permissions"),
                suspectTimeout,
                removeTimeout,
                KvsConfig.Durability.valueOf(v.oneOf("durability", List.of("fsync", "async")).toUpperCase(Locale.ROOT)),
                v.longInteger("index_capacity", 1, Long.MAX_VALUE),
                v.duration("max_clock_skew", false),
                v.stringList("trusted_proxies").stream().map(ConfigLoader::proxyRange).toList());
    }

    private static AddressRange proxyRange(String entry) {
        try {
            return AddressRange.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("trusted_proxies", e.getMessage());
        }
    }

    private static void checkSeed(String seed) {
        Matcher hostPort = SEED.matcher(seed);
        int port = hostPort.matches() ? Integer.parseInt(hostPort.group(2)) : 0;
        if (port < 1 || port > 65535) {
            throw new ConfigException("seed_nodes", "entries must be host:port with a port 1..65535, got \"" + seed + "\"");
        }
    }
}
