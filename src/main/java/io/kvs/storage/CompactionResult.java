package io.kvs.storage;

/** What one compaction run reclaimed: log bytes on disk before and after, and how long it took. */
public record CompactionResult(long bytesBefore, long bytesAfter, long durationMs) {
}
