package io.kvs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentTest {

    @TempDir
    Path dir;

    private static String read(Segment segment, long at, int length) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(length);
        segment.read(buf, at);
        return new String(buf.array(), StandardCharsets.UTF_8);
    }

    @Test
    void aChannelClosedUnderItsUsersIsReopened() throws Exception {
        Segment segment = Segment.open(dir.resolve("00000001.seg"), 1);
        segment.append(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));

        segment.close(); // what another thread's interrupt does to a shared FileChannel
        assertEquals("hello", read(segment, 0, 5));
        segment.close();
        segment.append(ByteBuffer.wrap(" world".getBytes(StandardCharsets.UTF_8)));
        segment.force();

        assertEquals("hello world", read(segment, 0, 11));
        assertEquals(11, segment.size());
        segment.close();
    }

    @Test
    void aRetiredSegmentIsGoneForReaders() throws Exception {
        Segment segment = Segment.open(dir.resolve("00000001.seg"), 1);
        segment.append(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));

        segment.retire();

        assertThrows(Segment.SegmentRetiredException.class, () -> read(segment, 0, 1));
        assertTrue(Files.notExists(dir.resolve("00000001.seg")));
    }
}
