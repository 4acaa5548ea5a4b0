package io.kvs.backup;

import java.nio.file.Path;

/**
 * One file to put in an archive: its first {@code length} bytes under {@code name} (a relative path with '/').
 * Copying a prefix lets a snapshot include a file that is still being appended to, up to a consistent point.
 */
public record ArchivePart(String name, Path file, long length) {
}
