package io.kvs.storage;

import java.util.UUID;

/**
 * Identity of one version of one key: when it was written, by whom, and its uuid (the ETag).
 * {@code joinedTimestamp} is the writer's cluster join time, carried so that {@link VersionOrder} gives the same
 * winner on every node.
 */
public record Version(long timestamp, long joinedTimestamp, UUID uuid, String writerNode) {
}
