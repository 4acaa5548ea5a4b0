package io.kvs.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Logger;

/** Finds where an existing chain ends, so that a reopened log continues it (seq and prev_hash). */
final class TailReader {

    private static final Logger LOG = Logger.getLogger(TailReader.class.getName());

    private TailReader() {
    }

    /** Cuts off a torn last write and returns the head made of the last complete entry. */
    static AuditLog.Head recover(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        int window = (int) Math.min(size, LineScanner.MAX_LINE + 1L);
        byte[] tail = new byte[window];
        channel.read(ByteBuffer.wrap(tail), size - window);
        int lastNewline = lastIndexOf(tail, window);
        if (lastNewline < 0 && size > window) {
            throw unreadable(file, "its last line is longer than any entry");
        }
        long end = size - window + lastNewline + 1;
        if (end < size) {
            LOG.warning("audit log " + file + ": cut off " + (size - end) + " bytes of a write torn by a crash");
            channel.truncate(end);
            channel.force(false);
        }
        if (end == 0) {
            return new AuditLog.Head(0, HashChain.GENESIS, 0);
        }
        int lineStart = lastIndexOf(tail, lastNewline) + 1;
        if (lineStart == 0 && size - window > 0) {
            throw unreadable(file, "its last line is longer than any entry");
        }
        String last = new String(tail, lineStart, lastNewline - lineStart, StandardCharsets.ISO_8859_1);
        try {
            AuditEntry entry = HashChain.parse(last);
            return new AuditLog.Head(entry.seq(), entry.hash(), end);
        } catch (IllegalArgumentException e) {
            throw unreadable(file, e.getMessage());
        }
    }

    private static int lastIndexOf(byte[] bytes, int before) {
        for (int i = before - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static IOException unreadable(Path file, String reason) {
        return new IOException("audit log " + file + " ends with an unreadable entry (" + reason + "), so its chain"
                + " cannot be continued; keep the file as evidence, move it aside and restart to begin a new chain");
    }
}
