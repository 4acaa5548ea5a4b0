package io.kvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class ConfigLoaderTest {

    private static final Path WORKING_DIR = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void missingFileIsGeneratedAtTheDefaultsAndLoads() throws IOException {
        Path file = dir.resolve("sub/config.yaml");

        KvsConfig config = ConfigLoader.loadOrCreate(file);

        assertTrue(Files.exists(file));
        assertEquals(expectedDefaults(), config);
    }

    @Test
    void generatedFileHoldsEveryKeyOfTheRecordWithAComment() throws IOException {
        Path file = dir.resolve("config.yaml");
        ConfigLoader.loadOrCreate(file);

        Map<?, ?> yaml = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        Set<String> recordKeys = Arrays.stream(KvsConfig.class.getRecordComponents())
                .map(component -> component.getName().replaceAll("([A-Z])", "_$1").toLowerCase())
                .collect(Collectors.toSet());
        assertEquals(recordKeys, yaml.keySet());
        for (String line : Files.readAllLines(file)) {
            assertTrue(line.isBlank() || line.startsWith("#") || line.contains("  # "), "uncommented: " + line);
        }
    }

    @Test
    void generatedFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("config.yaml");
        ConfigLoader.loadOrCreate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void existingFileIsReadNotOverwritten() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "port: 18123\nnode_id: \"n1\"\n");

        KvsConfig config = ConfigLoader.loadOrCreate(file);

        assertEquals(18123, config.port());
        assertEquals("n1", config.nodeId());
        assertEquals("port: 18123\nnode_id: \"n1\"\n", Files.readString(file));
    }

    @Test
    void emptyFileAndEmptyValuesTakeTheDefaults() {
        assertEquals(expectedDefaults(), ConfigLoader.parse(""));
        assertEquals(expectedDefaults(), ConfigLoader.parse("port:\nseed_nodes:\ncluster_secret:\n"));
    }

    @Test
    void valuesOfTheFileOverrideTheDefaults() {
        KvsConfig config = ConfigLoader.parse("""
                seed_nodes: ["127.0.0.1:8081", "[::1]:8082", "node-b.example:9000"]
                cluster_secret: "s3cret"
                durability: async
                log_level: DEBUG
                default_ttl: "1h30m"
                compaction_threshold: 0.25
                index_capacity: 5000000000
                """);

        assertEquals(List.of("127.0.0.1:8081", "[::1]:8082", "node-b.example:9000"), config.seedNodes());
        assertEquals("s3cret", config.clusterSecret());
        assertEquals(KvsConfig.Durability.ASYNC, config.durability());
        assertEquals("debug", config.logLevel());
        assertEquals(Duration.ofMinutes(90), config.defaultTtl());
        assertEquals(0.25, config.compactionThreshold());
        assertEquals(5_000_000_000L, config.indexCapacity());
    }

    @Test
    void permissionsAcceptHexStringsAndIntegers() {
        assertEquals(0xF11, ConfigLoader.parse("default_permissions: \"0xF11\"").defaultPermissions());
        assertEquals(0x7A1, ConfigLoader.parse("default_permissions: \"0x7a1\"").defaultPermissions());
        assertEquals(0xFF0, ConfigLoader.parse("default_permissions: 0xFF0").defaultPermissions());
        assertEquals(0x111, ConfigLoader.parse("default_permissions: 273").defaultPermissions());
        assertEquals(0, ConfigLoader.parse("default_permissions: 0").defaultPermissions());
    }

    @Test
    void relativePathsAreResolvedAgainstTheWorkingDirectory() {
        KvsConfig config = ConfigLoader.parse("data_dir: \"nodes/a/../n1\"\nbackup_path: \"" + dir + "/b\"\n");

        assertEquals(WORKING_DIR.resolve("nodes/n1"), config.dataDir());
        assertEquals(dir.resolve("b"), config.backupPath());
    }

    @Test
    void nodesOfTheSeedReadmeStartedFromOneDirectoryGetADataDirEach() {
        KvsConfig node1 = ConfigLoader.parse("node_id: \"node1\"\nport: 8081\nseed_nodes: []\n");
        KvsConfig node2 = ConfigLoader.parse("node_id: \"node2\"\nport: 8082\nseed_nodes: [\"127.0.0.1:8081\"]\n");

        assertEquals(WORKING_DIR.resolve("data/node1"), node1.dataDir());
        assertEquals(WORKING_DIR.resolve("data/node2"), node2.dataDir());
    }

    @Test
    void generatedFileSaysTheDataDirIsPerNode() throws IOException {
        Path file = dir.resolve("config.yaml");
        ConfigLoader.loadOrCreate(file);

        assertTrue(Files.readString(file).contains("\ndata_dir: \"./data/{node_id}\""), Files.readString(file));
    }

    @Test
    void nodeIdPlaceholderWorksInEveryPath() {
        KvsConfig config = ConfigLoader.parse("node_id: \"n7\"\ndata_dir: \"" + dir + "/{node_id}/db\"\n"
                + "backup_path: \"backups-{node_id}\"\n");

        assertEquals(dir.resolve("n7/db"), config.dataDir());
        assertEquals(WORKING_DIR.resolve("backups-n7"), config.backupPath());
    }

    @Test
    void unknownKeyIsLoggedAsWarningAndIgnored() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ConfigLoader.class.getName());
        logger.addHandler(handler);
        try {
            KvsConfig config = ConfigLoader.parse("prot: 9090\nport: 18124\n");

            assertEquals(18124, config.port());
            assertEquals(1, records.size());
            assertEquals("WARNING", records.get(0).getLevel().getName());
            assertTrue(records.get(0).getMessage().contains("unknown key 'prot'"), records.get(0).getMessage());
        } finally {
            logger.removeHandler(handler);
        }
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("port: 70000", "port: must be 1..65535, got 70000"),
                Arguments.of("port: 0", "port: must be 1..65535, got 0"),
                Arguments.of("port: \"8080\"", "port: must be an integer, got \"8080\""),
                Arguments.of("port: 99999999999999999999999", "port: must be 1..65535"),
                Arguments.of("port: 80.5", "port: must be an integer, got 80.5"),
                Arguments.of("node_id: \"a/b\"", "node_id: must be 1 to 64 letters"),
                Arguments.of("node_id: \"..\"", "node_id: must be 1 to 64 letters, digits, '.', '_' or '-' (not"),
                Arguments.of("node_id: \".\"", "node_id: must be 1 to 64 letters, digits, '.', '_' or '-' (not"),
                Arguments.of("node_id: 12", "node_id: must be a non-empty string, got 12"),
                Arguments.of("bind_address: \"\"", "bind_address: must be a non-empty string"),
                Arguments.of("data_dir: [a]", "data_dir: must be a non-empty string, got a list"),
                Arguments.of("seed_nodes: \"127.0.0.1:8081\"", "seed_nodes: must be a list"),
                Arguments.of("seed_nodes: [8081]", "seed_nodes: entry 1 must be a string, got 8081"),
                Arguments.of("seed_nodes: [\"127.0.0.1\"]", "seed_nodes: entries must be host:port"),
                Arguments.of("seed_nodes: [\"127.0.0.1:70000\"]", "seed_nodes: entries must be host:port"),
                Arguments.of("read_only: \"yes\"", "read_only: must be true or false, got \"yes\""),
                Arguments.of("log_level: verbose", "log_level: must be one of debug, info, warn, error, got \"verbose\""),
                Arguments.of("gossip_interval_min: 5\ngossip_interval_max: 3",
                        "gossip_interval_max: must be at least gossip_interval_min (5), got 3"),
                Arguments.of("gossip_interval_min: 0", "gossip_interval_min: must be at least 1, got 0"),
                Arguments.of("sync_interval: -30", "sync_interval: must be at least 1, got -30"),
                Arguments.of("catchup_interval: 0", "catchup_interval: must be at least 1"),
                Arguments.of("bootstrap_max_age_hours: -1", "bootstrap_max_age_hours: must be at least 1"),
                Arguments.of("throttle_delay_ms: -1", "throttle_delay_ms: must be at least 0, got -1"),
                Arguments.of("fetch_delay_ms: -1", "fetch_delay_ms: must be at least 0, got -1"),
                Arguments.of("compression_enabled: 1", "compression_enabled: must be true or false, got 1"),
                Arguments.of("compression_level: 20", "compression_level: must be 1..19, got 20"),
                Arguments.of("compression_level: 0", "compression_level: must be 1..19, got 0"),
                Arguments.of("default_ttl: \"1.5h\"", "default_ttl: invalid duration \"1.5h\""),
                Arguments.of("default_ttl: 60", "default_ttl: invalid duration \"60\""),
                Arguments.of("default_ttl: true", "default_ttl: must be a duration string"),
                Arguments.of("max_json_size: 0", "max_json_size: must be at least 1, got 0"),
                Arguments.of("rate_limit_requests: -1", "rate_limit_requests: must be at least 1, got -1"),
                Arguments.of("rate_limit_window: \"1 minute\"", "rate_limit_window: invalid duration"),
                Arguments.of("rate_limit_window: \"0\"", "rate_limit_window: must be longer than zero"),
                Arguments.of("auth_enabled: no", "auth_enabled: must be true or false, got \"no\""),
                Arguments.of("backup_schedule: \"0 0 * *\"", "backup_schedule: invalid 5-field cron expression"),
                Arguments.of("backup_schedule: \"61 0 * * *\"", "backup_schedule: invalid 5-field cron expression"),
                Arguments.of("backup_schedule: \"0 0 0 * * *\"", "backup_schedule: invalid 5-field cron expression"),
                Arguments.of("backup_schedule: \"daily\"", "backup_schedule: invalid 5-field cron expression"),
                Arguments.of("backup_retention: -7", "backup_retention: must be at least 1, got -7"),
                Arguments.of("cluster_secret: 42", "cluster_secret: must be a non-empty string, got 42"),
                Arguments.of("revision_limit: 0", "revision_limit: must be at least 1, got 0"),
                Arguments.of("tombstone_gc_hours: 0", "tombstone_gc_hours: must be at least 1"),
                Arguments.of("token_ttl: \"24\"", "token_ttl: invalid duration \"24\""),
                Arguments.of("compaction_threshold: 1", "compaction_threshold: must be between 0 and 1"),
                Arguments.of("compaction_threshold: 0.0", "compaction_threshold: must be between 0 and 1"),
                Arguments.of("compaction_threshold: \"half\"", "compaction_threshold: must be a number"),
                Arguments.of("default_permissions: \"0x1000\"", "default_permissions: must be 0x000..0xFFF"),
                Arguments.of("default_permissions: \"F11\"", "default_permissions: must be 0x000..0xFFF"),
                Arguments.of("default_permissions: 4096", "default_permissions: must be 0..4095, got 4096"),
                Arguments.of("default_permissions: -1", "default_permissions: must be 0..4095, got -1"),
                Arguments.of("member_suspect_timeout: 0", "member_suspect_timeout: must be at least 1"),
                Arguments.of("member_suspect_timeout: 30\nmember_remove_timeout: 30",
                        "member_remove_timeout: must be greater than member_suspect_timeout (30), got 30"),
                Arguments.of("durability: sometimes", "durability: must be one of fsync, async, got \"sometimes\""),
                Arguments.of("index_capacity: 0", "index_capacity: must be at least 1, got 0"),
                Arguments.of("trusted_proxies: [\"proxy.example.com\"]",
                        "trusted_proxies: \"proxy.example.com\" is not an IP address or CIDR range"),
                Arguments.of("trusted_proxies: [\"10.0.0.0/40\"]",
                        "trusted_proxies: \"10.0.0.0/40\" has a prefix length outside 0..32"),
                Arguments.of("trusted_proxies: \"10.0.0.1\"", "trusted_proxies: must be a list"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void invalidValueNamesItsKey(String yaml, String expectedMessageStart) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));

        assertTrue(e.getMessage().startsWith(expectedMessageStart), e.getMessage());
        String lastLine = yaml.substring(yaml.lastIndexOf('\n') + 1);
        assertEquals(lastLine.substring(0, lastLine.indexOf(':')), e.key());
    }

    @Test
    void documentThatIsNotAMappingIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("- port: 8080\n"));

        assertNull(e.key());
        assertTrue(e.getMessage().contains("must be a mapping"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysAreRejected() {
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse("port: [8080\n"))
                .getMessage().startsWith("invalid YAML"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse("port: 1\nport: 2\n"))
                .getMessage().startsWith("invalid YAML"));
    }

    @Test
    void locateTakesTheFirstOfArgumentEnvironmentPropertyDefault() {
        assertEquals(WORKING_DIR.resolve("a.yaml"), ConfigLoader.locate("a.yaml", "/env.yaml", "/prop.yaml"));
        assertEquals(Path.of("/env.yaml"), ConfigLoader.locate(null, "/env.yaml", "/prop.yaml"));
        assertEquals(Path.of("/prop.yaml"), ConfigLoader.locate(null, "", "/prop.yaml"));
        assertEquals(WORKING_DIR.resolve("config.yaml"), ConfigLoader.locate(null, null, null));
    }

    @Test
    void insideTheServerTheSystemPropertyWins() {
        String previous = System.getProperty(ConfigLoader.SYSTEM_PROPERTY);
        System.setProperty(ConfigLoader.SYSTEM_PROPERTY, dir.resolve("node.yaml").toString());
        try {
            assertEquals(dir.resolve("node.yaml"), ConfigLoader.locateInServer());
        } finally {
            if (previous == null) {
                System.clearProperty(ConfigLoader.SYSTEM_PROPERTY);
            } else {
                System.setProperty(ConfigLoader.SYSTEM_PROPERTY, previous);
            }
        }
    }

    private static KvsConfig expectedDefaults() {
        String hostname = ConfigTemplate.hostname();
        return new KvsConfig(hostname, "127.0.0.1", 8080, WORKING_DIR.resolve("data").resolve(hostname), List.of(), false,
                "info", 1, 2, 30, 5, 720, 10, 5, true, 3, Duration.ZERO, 1_048_576, 100, Duration.ofMinutes(1),
                true, true, true, true, true, false, false, true, "0 0 * * *", WORKING_DIR.resolve("backups"), 7,
                null, 10, 168, Duration.ofHours(24), 0.5, 0xF11, 2, 30, KvsConfig.Durability.FSYNC, 1_000_000L,
                Duration.ofMinutes(1), List.of());
    }
}
