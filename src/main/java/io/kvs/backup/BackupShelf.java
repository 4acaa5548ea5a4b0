package io.kvs.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * This node's archives in {@code backup_path}. Other nodes may share the directory: their archives are neither
 * listed nor deleted here, and neither is any file that is not named like a backup.
 */
public final class BackupShelf {

    /** A second is the finest step of the name, so a clash with an existing archive moves on by seconds. */
    private static final int MAX_NAME_ATTEMPTS = 60;

    private final Path dir;
    private final String nodeId;

    public BackupShelf(Path dir, String nodeId) {
        this.dir = dir;
        this.nodeId = nodeId;
    }

    public Path dir() {
        return dir;
    }

    /** This node's archives, newest first. */
    public List<BackupFile> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<BackupFile> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Optional<BackupName> name = BackupName.parse(file.getFileName().toString());
                if (name.isPresent() && name.get().nodeId().equals(nodeId) && Files.isRegularFile(file)) {
                    found.add(new BackupFile(file, name.get(), Files.size(file)));
                }
            }
        }
        found.sort(Comparator.comparing((BackupFile f) -> f.name().takenAt()).reversed());
        return found;
    }

    /** Where a backup taken at {@code now} goes: its name, or the next second's when that one is taken. */
    public Path nextArchive(LocalDateTime now) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < MAX_NAME_ATTEMPTS; i++) {
            Path candidate = dir.resolve(new BackupName(nodeId, now.plusSeconds(i)).fileName());
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IOException("backups are being requested faster than one per second");
    }

    /** Archives whose name dates them more than {@code retentionDays} before {@code now}; none when 0 or less. */
    public List<BackupFile> expired(LocalDateTime now, int retentionDays) throws IOException {
        if (retentionDays <= 0) {
            return List.of();
        }
        LocalDateTime cutoff = now.minusDays(retentionDays);
        return list().stream().filter(f -> f.name().takenAt().isBefore(cutoff)).toList();
    }

    /** Deletes the {@link #expired} archives; returns them. */
    public List<BackupFile> sweep(LocalDateTime now, int retentionDays) throws IOException {
        List<BackupFile> expired = expired(now, retentionDays);
        for (BackupFile file : expired) {
            Files.deleteIfExists(file.path());
        }
        return expired;
    }
}
