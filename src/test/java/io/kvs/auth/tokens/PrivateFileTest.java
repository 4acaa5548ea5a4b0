package io.kvs.auth.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {

    @TempDir
    Path dir;

    @Test
    void createsTheFileReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("nested/root.token");
        PrivateFile.create(file, "secret-value");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("secret-value\n", Files.readString(file));
        assertEquals(Optional.of("secret-value"), PrivateFile.read(file));
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
        Path file = dir.resolve("cluster.secret");
        PrivateFile.create(file, "first");
        assertThrows(FileAlreadyExistsException.class, () -> PrivateFile.create(file, "second"));
        assertEquals(Optional.of("first"), PrivateFile.read(file));
    }

    @Test
    void readingAMissingFileIsEmpty() throws IOException {
        assertEquals(Optional.empty(), PrivateFile.read(dir.resolve("absent")));
    }
}
