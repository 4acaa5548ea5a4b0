package io.kvs.backup;

import io.kvs.storage.LogSnapshot;
import io.kvs.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Takes a backup of this node: the store's log as of one instant ({@link Store#readSnapshot}, writes go on), the
 * node's identity file, and the durable prefix of the audit chain when there is one, paths relative to
 * {@code data_dir} (the store's directory lies inside it) so that {@link BackupArchive#restore} rebuilds the same layout. The index is left out: a store
 * opened on a log without one rebuilds it. One backup at a time.
 */
public final class NodeBackup {

    /** Fast, and the log's values are compressed already when compression is on. */
    static final int ZSTD_LEVEL = 3;

    private final Store store;
    private final Path dataDir;
    private final List<Path> wholeFiles;
    private final Supplier<List<ArchivePart>> moreParts;
    private final BackupShelf shelf;
    private final String nodeId;
    private final Optional<String> jwtKeyFingerprint;
    private final Clock clock;

    /**
     * @param wholeFiles files of {@code dataDir} copied whole if present (e.g. the node identity)
     * @param moreParts  further parts read at the snapshot instant (e.g. the audit chain's durable prefix)
     * @param jwtKeyFingerprint the token key's fingerprint, recorded in the manifest (empty with auth off), so that a
     *                   restore can tell whether the node it restores into would still verify the backup's tokens
     * @param clock      local time zone and time of the archive names
     */
    public NodeBackup(Store store, Path dataDir, List<Path> wholeFiles,
                      Supplier<List<ArchivePart>> moreParts, BackupShelf shelf, String nodeId,
                      Optional<String> jwtKeyFingerprint, Clock clock) {
        this.store = store;
        this.dataDir = dataDir;
        this.wholeFiles = List.copyOf(wholeFiles);
        this.moreParts = moreParts;
        this.shelf = shelf;
        this.nodeId = nodeId;
        this.jwtKeyFingerprint = jwtKeyFingerprint;
        this.clock = clock;
    }

    public synchronized BackupResult backupNow() throws IOException {
        LocalDateTime now = LocalDateTime.now(clock);
        Path archive = shelf.nextArchive(now);
        return store.readSnapshot(snapshot -> {
            List<ArchivePart> parts = new ArrayList<>(logParts(snapshot));
            parts.addAll(moreParts.get());
            for (Path file : wholeFiles) {
                if (Files.isRegularFile(file)) {
                    parts.add(new ArchivePart(nameOf(file), file, Files.size(file)));
                }
            }
            Map<String, String> manifest = new TreeMap<>(Map.of(
                    "node_id", nodeId,
                    "created_at", Long.toString(clock.millis()),
                    "keys", Long.toString(snapshot.liveKeys())));
            jwtKeyFingerprint.ifPresent(fingerprint -> manifest.put(BackupArchive.JWT_KEY_FINGERPRINT, fingerprint));
            long bytes = BackupArchive.write(archive, manifest, parts, ZSTD_LEVEL);
            return new BackupResult(archive.getFileName().toString(), snapshot.liveKeys(), bytes);
        });
    }

    private List<ArchivePart> logParts(LogSnapshot snapshot) throws IOException {
        List<ArchivePart> parts = new ArrayList<>();
        for (Path segment : snapshot.segments()) {
            Path file = snapshot.dataDir().resolve(segment);
            parts.add(new ArchivePart(nameOf(file), file, Files.size(file)));
        }
        return parts;
    }

    /** The name of a data_dir file inside the archive: its relative path with '/' separators. */
    String nameOf(Path file) {
        Path relative = dataDir.relativize(file);
        List<String> names = new ArrayList<>();
        relative.forEach(part -> names.add(part.toString()));
        return String.join("/", names);
    }
}
