package io.kvs.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole node configuration, immutable, as read from the YAML file. Field names are the YAML keys in camel case;
 * README.md lists every key with its default. Produced once by {@link ConfigLoader} and injected everywhere else.
 */
public record KvsConfig(
        String nodeId,
        String bindAddress,
        int port,
        Path dataDir,
        List<String> seedNodes,
        boolean readOnly,
        String logLevel,
        int gossipIntervalMin,
        int gossipIntervalMax,
        int syncInterval,
        int catchupInterval,
        int bootstrapMaxAgeHours,
        int throttleDelayMs,
        int fetchDelayMs,
        boolean compressionEnabled,
        int compressionLevel,
        Duration defaultTtl,
        int maxJsonSize,
        int rateLimitRequests,
        Duration rateLimitWindow,
        boolean authEnabled,
        boolean tamperLoggingEnabled,
        boolean clusteringEnabled,
        boolean rateLimitingEnabled,
        boolean revisionHistoryEnabled,
        boolean allowAnonymousRead,
        boolean allowAnonymousWrite,
        boolean backupEnabled,
        String backupSchedule,
        Path backupPath,
        int backupRetention,
        String clusterSecret,
        int revisionLimit,
        int tombstoneGcHours,
        Duration tokenTtl,
        double compactionThreshold,
        int defaultPermissions,
        int memberSuspectTimeout,
        int memberRemoveTimeout,
        Durability durability,
        long indexCapacity,
        Duration maxClockSkew,
        List<AddressRange> trustedProxies) {

    public KvsConfig {
        seedNodes = List.copyOf(seedNodes);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** When a write is acknowledged: after its log batch is forced to disk, or as soon as it is written to the OS. */
    public enum Durability { FSYNC, ASYNC }
}
