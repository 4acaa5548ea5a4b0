package io.kvs.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupShelfTest {

    private static final LocalDateTime NOW = LocalDateTime.parse("2025-06-15T12:00:00");

    @TempDir
    Path dir;

    private Path archive(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "x");
    }

    private static List<String> names(List<BackupFile> files) {
        return files.stream().map(f -> f.path().getFileName().toString()).toList();
    }

    @Test
    void listsOnlyThisNodesArchivesNewestFirst() throws IOException {
        archive("kvs-n1-20250601-000000.tar.zst");
        archive("kvs-n1-20250614-000000.tar.zst");
        archive("kvs-n2-20250615-000000.tar.zst");
        archive("kvs-n1-20250615-000000.tar.zst.partial");
        archive("readme.txt");
        BackupShelf shelf = new BackupShelf(dir, "n1");
        assertEquals(List.of("kvs-n1-20250614-000000.tar.zst", "kvs-n1-20250601-000000.tar.zst"), names(shelf.list()));
        assertEquals(1, shelf.list().get(0).bytes());
    }

    @Test
    void missingDirectoryHasNoBackups() throws IOException {
        assertTrue(new BackupShelf(dir.resolve("absent"), "n1").list().isEmpty());
    }

    @Test
    void archivesOlderThanRetentionDaysByTheirNameAreExpired() throws IOException {
        archive("kvs-n1-20250608-115959.tar.zst");
        archive("kvs-n1-20250608-120000.tar.zst");
        archive("kvs-n1-20250615-000000.tar.zst");
        BackupShelf shelf = new BackupShelf(dir, "n1");
        assertEquals(List.of("kvs-n1-20250608-115959.tar.zst"), names(shelf.expired(NOW, 7)));
        assertEquals(List.of("kvs-n1-20250608-120000.tar.zst", "kvs-n1-20250608-115959.tar.zst"),
                names(shelf.expired(NOW, 6)));
    }

    @Test
    void sweepDeletesOnlyThisNodesExpiredArchives() throws IOException {
        Path old = archive("kvs-n1-20250101-000000.tar.zst");
        Path recent = archive("kvs-n1-20250614-000000.tar.zst");
        Path otherNode = archive("kvs-n2-20250101-000000.tar.zst");
        Path unrelated = archive("kvs-notes-old.txt");
        assertEquals(1, new BackupShelf(dir, "n1").sweep(NOW, 7).size());
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(otherNode));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void retentionOfZeroDaysKeepsEverything() throws IOException {
        archive("kvs-n1-20200101-000000.tar.zst");
        assertTrue(new BackupShelf(dir, "n1").sweep(NOW, 0).isEmpty());
    }

    @Test
    void nextArchiveSkipsANameAlreadyTaken() throws IOException {
        BackupShelf shelf = new BackupShelf(dir.resolve("new"), "n1");
        Path first = shelf.nextArchive(NOW);
        assertEquals("kvs-n1-20250615-120000.tar.zst", first.getFileName().toString());
        Files.writeString(first, "x");
        assertEquals("kvs-n1-20250615-120001.tar.zst", shelf.nextArchive(NOW).getFileName().toString());
    }
}
