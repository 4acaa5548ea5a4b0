package io.kvs.storage;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Everything the storage engine needs to know, independent of how the node is configured.
 *
 * @param dataDir          where the log segments and the index live (created if missing)
 * @param fsync            force each group-commit batch to disk before acknowledging it
 * @param compression      ZSTD-compress stored payloads
 * @param compressionLevel ZSTD level, 1..19
 * @param revisionLimit    versions kept per key, the live one included (1 = no history)
 * @param indexCapacity    number of keys the persisted index is sized for
 * @param segmentBytes     size at which the active log segment is sealed and a new one started
 * @param compactionThreshold dead share of sealed segments above which background compaction runs
 * @param tombstoneGcMillis age after which compaction drops a tombstone and the history behind it
 * @param nodeId           written into every version this node creates
 * @param joinedTimestamp  this node's cluster join time, written into every version it creates
 * @param clock            wall clock in Unix ms (tests pass a fake one)
 */
public record StoreSettings(
        Path dataDir,
        boolean fsync,
        boolean compression,
        int compressionLevel,
        int revisionLimit,
        long indexCapacity,
        long segmentBytes,
        double compactionThreshold,
        long tombstoneGcMillis,
        String nodeId,
        long joinedTimestamp,
        LongSupplier clock) {
}
