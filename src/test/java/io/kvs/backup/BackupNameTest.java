package io.kvs.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupNameTest {

    @Test
    void fileNameCarriesNodeAndLocalTimeToTheSecond() {
        BackupName name = new BackupName("node-1", LocalDateTime.parse("2025-03-04T05:06:07.891"));
        assertEquals("kvs-node-1-20250304-050607.tar.zst", name.fileName());
    }

    @Test
    void fileNameReadsBack() {
        assertEquals(Optional.of(new BackupName("node-1", LocalDateTime.parse("2025-03-04T05:06:07"))),
                BackupName.parse("kvs-node-1-20250304-050607.tar.zst"));
        assertEquals("a-b-c", BackupName.parse("kvs-a-b-c-20251231-235959.tar.zst").orElseThrow().nodeId());
    }

    @Test
    void otherFilesAreNotBackups() {
        for (String other : new String[] {"kvs-node-1-20250304-050607.tar.zst.partial", "node-20250304-050607.tar.zst",
                "kvs-node-1-2025034-050607.tar.zst", "kvs-node-1-20250230-000000.tar.zst",
                "kvs-node-1-20250304-250000.tar.zst", "kvs--20250304-050607.tar.zst", "notes.txt"}) {
            assertTrue(BackupName.parse(other).isEmpty(), other);
        }
    }

    @Test
    void nodeIdThatCannotBeAFileNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BackupName("../x", LocalDateTime.now()));
        assertThrows(IllegalArgumentException.class, () -> new BackupName("a b", LocalDateTime.now()));
    }
}
