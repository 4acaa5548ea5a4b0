package io.kvs.backup;

/** The answer to {@code POST /admin/backups}: the archive's file name, live keys in it, and its size. */
public record BackupResult(String file, long keys, long bytes) {
}
