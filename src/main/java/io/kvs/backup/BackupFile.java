package io.kvs.backup;

import java.nio.file.Path;

/** One archive found in {@code backup_path}. */
public record BackupFile(Path path, BackupName name, long bytes) {
}
