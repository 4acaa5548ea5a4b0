package io.kvs.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {

    @TempDir
    Path tmp;

    private Path file(String name, byte[] content) throws IOException {
        Path path = tmp.resolve("src").resolve(name);
        Files.createDirectories(path.getParent());
        return Files.write(path, content);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    @Test
    void restoreGivesBackTheFilePrefixesAndTheManifest() throws IOException {
        byte[] sealed = random(700_000);
        byte[] active = random(5_000);
        Path archive = tmp.resolve("backup.tar.zst");
        long bytes = BackupArchive.write(archive, Map.of("node_id", "n1", "keys", "42"), List.of(
                new ArchivePart("log/00000001.seg", file("a.seg", sealed), sealed.length),
                new ArchivePart("log/00000002.seg", file("b.seg", active), 1_234)), 3);
        assertEquals(Files.size(archive), bytes);
        assertFalse(Files.exists(tmp.resolve("backup.tar.zst.partial")));

        Path target = tmp.resolve("data");
        Map<String, String> manifest = BackupArchive.restore(archive, target);
        assertEquals("n1", manifest.get("node_id"));
        assertEquals("42", manifest.get("keys"));
        assertEquals(BackupArchive.FORMAT, manifest.get("format"));
        assertArrayEquals(sealed, Files.readAllBytes(target.resolve("log/00000001.seg")));
        assertArrayEquals(Arrays.copyOf(active, 1_234), Files.readAllBytes(target.resolve("log/00000002.seg")));
        assertFalse(Files.exists(target.resolve(BackupArchive.MANIFEST)));
    }

    @Test
    void restoreIntoAnEmptyExistingDirectoryWorks() throws IOException {
        Path archive = tmp.resolve("b.tar.zst");
        BackupArchive.write(archive, Map.of(), List.of(new ArchivePart("x", file("x", new byte[] {1}), 1)), 3);
        Path target = Files.createDirectories(tmp.resolve("empty"));
        BackupArchive.restore(archive, target);
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target.resolve("x")));
    }

    @Test
    void restoreRefusesANonEmptyDirectoryAndLeavesItAlone() throws IOException {
        Path archive = tmp.resolve("b.tar.zst");
        BackupArchive.write(archive, Map.of(), List.of(), 3);
        Path target = Files.createDirectories(tmp.resolve("data"));
        Path existing = Files.writeString(target.resolve("index.cmap"), "live data");
        assertThrows(RestoreRefusedException.class, () -> BackupArchive.restore(archive, target));
        assertEquals("live data", Files.readString(existing));
        Path regularFile = Files.writeString(tmp.resolve("plain"), "x");
        assertThrows(RestoreRefusedException.class, () -> BackupArchive.restore(archive, regularFile));
    }

    @Test
    void snapshotPromisingMoreThanTheFileHoldsFailsWithoutLeavingAnArchive() throws IOException {
        Path archive = tmp.resolve("b.tar.zst");
        List<ArchivePart> parts = List.of(new ArchivePart("x", file("x", new byte[10]), 11));
        assertThrows(IOException.class, () -> BackupArchive.write(archive, Map.of(), parts, 3));
        assertFalse(Files.exists(archive));
        assertFalse(Files.exists(tmp.resolve("b.tar.zst.partial")));
    }

    @Test
    void entriesPointingOutsideTheTargetAreRefusedAndNothingStays() throws IOException {
        for (String evil : new String[] {"../escaped", "log/../../escaped", "/tmp/escaped", ""}) {
            Path archive = tmp.resolve("evil.tar.zst");
            Files.deleteIfExists(archive);
            handMadeArchive(archive, tar -> {
                addFile(tar, "log/ok.seg", "fine");
                addFile(tar, evil, "evil");
            });
            Path target = tmp.resolve("data");
            assertThrows(RestoreRefusedException.class, () -> BackupArchive.restore(archive, target), evil);
            assertTrue(isEmpty(target), "partial restore removed for " + evil);
            assertFalse(Files.exists(tmp.resolve("escaped")));
        }
    }

    @Test
    void linkEntriesAreRefused() throws IOException {
        Path archive = tmp.resolve("link.tar.zst");
        handMadeArchive(archive, tar -> {
            TarArchiveEntry link = new TarArchiveEntry("log/link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        assertThrows(RestoreRefusedException.class, () -> BackupArchive.restore(archive, tmp.resolve("data")));
    }

    @Test
    void archiveWithoutAManifestIsNotABackup() throws IOException {
        Path archive = tmp.resolve("plain.tar.zst");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new ZstdCompressorOutputStream(Files.newOutputStream(archive)))) {
            addFile(tar, "log/00000001.seg", "data");
        }
        assertThrows(RestoreRefusedException.class, () -> BackupArchive.restore(archive, tmp.resolve("data")));
    }

    @Test
    void damagedArchiveFailsAndLeavesTheTargetEmpty() throws IOException {
        byte[] content = random(300_000);
        Path archive = tmp.resolve("b.tar.zst");
        BackupArchive.write(archive, Map.of(), List.of(new ArchivePart("log/1.seg", file("1", content),
                content.length)), 3);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(archive, bytes);
        Path target = tmp.resolve("data");
        assertThrows(IOException.class, () -> BackupArchive.restore(archive, target));
        assertTrue(isEmpty(target));
    }

    private interface TarContent {
        void writeTo(TarArchiveOutputStream tar) throws IOException;
    }

    /** An archive with a valid manifest followed by whatever {@code content} writes, as an attacker could make. */
    private static void handMadeArchive(Path archive, TarContent content) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdCompressorOutputStream(out))) {
            addFile(tar, BackupArchive.MANIFEST, "format=" + BackupArchive.FORMAT + "\n");
            content.writeTo(tar);
        }
    }

    private static void addFile(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
