package io.kvs.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIdentityTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartRecordsTheJoinTime() throws IOException {
        NodeIdentity identity = NodeIdentity.loadOrCreate(dataDir.resolve("new"), "n1", () -> 1234L);
        assertEquals(new NodeIdentity("n1", 1234L), identity);
        assertTrue(Files.exists(dataDir.resolve("new").resolve(NodeIdentity.FILE_NAME)));
    }

    @Test
    void laterStartsKeepTheFirstJoinTime() throws IOException {
        NodeIdentity.loadOrCreate(dataDir, "n1", () -> 1234L);
        assertEquals(new NodeIdentity("n1", 1234L), NodeIdentity.loadOrCreate(dataDir, "n1", () -> 9999L));
    }

    @Test
    void nodeIdComesFromTheConfigurationEachTime() throws IOException {
        NodeIdentity.loadOrCreate(dataDir, "old", () -> 1234L);
        assertEquals("renamed", NodeIdentity.loadOrCreate(dataDir, "renamed", () -> 9999L).nodeId());
    }

    @Test
    void unreadableIdentityFileStopsTheNode() throws IOException {
        Files.writeString(dataDir.resolve(NodeIdentity.FILE_NAME), "joined_timestamp=yesterday\n");
        assertThrows(IOException.class, () -> NodeIdentity.loadOrCreate(dataDir, "n1", () -> 1L));
    }
}
