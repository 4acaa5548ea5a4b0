package io.kvs.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDataDirTest {

    @TempDir
    Path temp;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDataDirIsCreatedOwnerOnly() throws IOException {
        Path dataDir = temp.resolve("a/b/data");
        PrivateDataDir.secure(dataDir);
        assertEquals("rwx------", mode(dataDir));
    }

    /** Segments, the index and the audit log used to follow the umask (0644 under the usual 022). */
    @Test
    void whatAnOlderNodeLeftReadableIsMadePrivate() throws IOException {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Path log = Files.createDirectories(dataDir.resolve("store/log"));
        Path segment = Files.writeString(log.resolve("00000001.seg"), "x");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-r--r--"));
        Path executable = Files.writeString(dataDir.resolve("tool"), "x");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-x---"));

        PrivateDataDir.secure(dataDir);

        assertEquals("rwx------", mode(dataDir));
        assertEquals("rwx------", mode(log));
        assertEquals("rw-------", mode(segment));
        assertEquals("rwx------", mode(executable), "the owner's bits stay as they were");
    }
}
