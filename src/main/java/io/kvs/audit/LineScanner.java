package io.kvs.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the audit file line by line from a byte offset, each byte as one ISO-8859-1 char so that a line's text is
 * exactly its bytes on disk. Bytes after the last newline are reported as a partial tail, not as a line.
 */
final class LineScanner implements AutoCloseable {

    /** Far above the longest entry kvs writes (a 1 KiB key is at most 3 KiB percent-encoded). */
    static final int MAX_LINE = 16 * 1024;

    private final FileChannel channel;
    private final byte[] block = new byte[64 * 1024];
    private final byte[] line = new byte[MAX_LINE];
    private int blockIndex;
    private int blockLength;
    private long filePosition;
    private long position;
    private long lineOffset;
    private boolean overlong;
    private long partialTailOffset = -1;

    LineScanner(Path file, long offset) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.filePosition = offset;
        this.position = offset;
    }

    /** The next complete line without its newline, or null at the end of the file. */
    String next() throws IOException {
        lineOffset = position;
        overlong = false;
        int length = 0;
        while (true) {
            if (blockIndex == blockLength && !fill()) {
                if (position > lineOffset) {
                    partialTailOffset = lineOffset;
                }
                return null;
            }
            byte b = block[blockIndex++];
            position++;
            if (b == '\n') {
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (length < line.length) {
                line[length++] = b;
            } else {
                overlong = true;
            }
        }
    }

    /** Offset of the line {@link #next()} returned last. */
    long lineOffset() {
        return lineOffset;
    }

    /** Whether the last line was longer than {@link #MAX_LINE} (and so was cut short: not a kvs entry). */
    boolean overlong() {
        return overlong;
    }

    /** Offset of the bytes after the last newline, -1 when the file ended with a newline. */
    long partialTailOffset() {
        return partialTailOffset;
    }

    private boolean fill() throws IOException {
        int read = channel.read(ByteBuffer.wrap(block), filePosition);
        if (read <= 0) {
            return false;
        }
        filePosition += read;
        blockIndex = 0;
        blockLength = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
