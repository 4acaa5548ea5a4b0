package io.kvs.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A consistent cut of the log for a backup: sealed segment files that together hold every write acknowledged
 * before the cut, in the store's directory layout. The files stay on disk, unchanged, while a {@link Reader} reads
 * them; a store opened on copies of them (without an index) rebuilds its index and serves exactly that data.
 *
 * @param segments segment files, ascending, each as a path relative to the store's data directory
 * @param liveKeys number of live keys at the cut
 */
public record LogSnapshot(Path dataDir, List<Path> segments, long liveKeys) {

    public LogSnapshot {
        segments = List.copyOf(segments);
    }

    /** Reads a snapshot while the store holds it steady. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(LogSnapshot snapshot) throws IOException;
    }
}
