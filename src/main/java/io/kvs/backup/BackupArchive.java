package io.kvs.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * A backup archive: a tar stream, ZSTD-compressed with a content checksum (so a damaged archive fails to restore
 * rather than restoring damaged data). Its first entry is a manifest in {@link Properties} form; the others are
 * files relative to {@code data_dir}.
 */
public final class BackupArchive {

    public static final String MANIFEST = "MANIFEST.properties";
    /** The manifest key of the token key's fingerprint, when the node had auth on. */
    public static final String JWT_KEY_FINGERPRINT = "jwt_key_fingerprint";
    /** Written into every manifest; restore refuses other formats. */
    public static final String FORMAT = "kvs-backup-1";

    private static final int COPY_BUFFER = 256 * 1024;

    private BackupArchive() {
    }

    /**
     * Writes the manifest and {@code parts} to {@code archive}, made visible only once complete and on disk.
     *
     * @return the size of the archive in bytes
     */
    public static long write(Path archive, Map<String, String> manifest, List<ArchivePart> parts, int level)
            throws IOException {
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), COPY_BUFFER);
                 ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(file, level, false, true);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                byte[] manifestBytes = manifestBytes(manifest);
                tar.putArchiveEntry(newEntry(MANIFEST, manifestBytes.length));
                tar.write(manifestBytes);
                tar.closeArchiveEntry();
                byte[] buffer = new byte[COPY_BUFFER];
                for (ArchivePart part : parts) {
                    tar.putArchiveEntry(newEntry(part.name(), part.length()));
                    copyPrefix(part, tar, buffer);
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                written.force(true);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        return Files.size(archive);
    }

    /** The manifest alone (it is the archive's first entry, so this reads only the start of the file). */
    public static Map<String, String> manifest(Path archive) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), COPY_BUFFER);
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdCompressorInputStream(in))) {
            return readManifest(archive, tar);
        }
    }

    /**
     * Restores {@code archive} into {@code target}, which must be absent or an empty directory. On any failure the
     * files written so far are removed again, leaving {@code target} empty.
     *
     * @return the manifest of the archive
     * @throws RestoreRefusedException when {@code target} is not empty or the archive is not a kvs backup
     */
    public static Map<String, String> restore(Path archive, Path target) throws IOException {
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new RestoreRefusedException("refusing to restore into " + target + ": it is not an empty"
                    + " directory (restore only into the data_dir of a node that is stopped and new)");
        }
        Files.createDirectories(target);
        Path root = target.toRealPath();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), COPY_BUFFER);
             TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdCompressorInputStream(in))) {
            Map<String, String> manifest = readManifest(archive, tar);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                extract(tar, entry, root);
            }
            return manifest;
        } catch (IOException | RuntimeException e) {
            emptyDirectory(root);
            throw e;
        }
    }

    private static Map<String, String> readManifest(Path archive, TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry first = tar.getNextEntry();
        if (first == null || !MANIFEST.equals(first.getName())) {
            throw new RestoreRefusedException(archive + " is not a kvs backup (no " + MANIFEST + " first)");
        }
        Properties properties = new Properties();
        properties.load(new InputStreamReader(tar, StandardCharsets.UTF_8));
        Map<String, String> manifest = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> manifest.put(k, properties.getProperty(k)));
        if (!FORMAT.equals(manifest.get("format"))) {
            throw new RestoreRefusedException(archive + " has backup format " + manifest.get("format")
                    + ", this kvs reads " + FORMAT);
        }
        return manifest;
    }

    private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
        Path destination = root.resolve(entry.getName()).normalize();
        if (entry.getName().isEmpty() || Path.of(entry.getName()).isAbsolute() || !destination.startsWith(root)
                || destination.equals(root)) {
            throw new RestoreRefusedException("archive entry \"" + entry.getName() + "\" points outside the data_dir");
        }
        if (entry.isDirectory()) {
            Files.createDirectories(destination);
        } else if (entry.getLinkFlag() == TarArchiveEntry.LF_NORMAL
                || entry.getLinkFlag() == TarArchiveEntry.LF_OLDNORM) {
            Files.createDirectories(destination.getParent());
            try (FileChannel out = FileChannel.open(destination, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                tar.transferTo(Channels.newOutputStream(out));
                out.force(true);
            }
        } else {
            throw new RestoreRefusedException("archive entry \"" + entry.getName() + "\" is a link or device;"
                    + " kvs backups hold only files and directories");
        }
    }

    private static TarArchiveEntry newEntry(String name, long length) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(length);
        return entry;
    }

    private static void copyPrefix(ArchivePart part, OutputStream out, byte[] buffer) throws IOException {
        try (FileChannel in = FileChannel.open(part.file(), StandardOpenOption.READ)) {
            long position = 0;
            while (position < part.length()) {
                int want = (int) Math.min(buffer.length, part.length() - position);
                int read = in.read(ByteBuffer.wrap(buffer, 0, want), position);
                if (read < 0) {
                    throw new EOFException(part.file() + " is shorter than the " + part.length()
                            + " bytes the snapshot promised");
                }
                out.write(buffer, 0, read);
                position += read;
            }
        }
    }

    private static byte[] manifestBytes(Map<String, String> manifest) throws IOException {
        Properties properties = new Properties();
        properties.putAll(manifest);
        properties.setProperty("format", FORMAT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        properties.store(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), "kvs backup");
        return bytes.toByteArray();
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void emptyDirectory(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(root)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
