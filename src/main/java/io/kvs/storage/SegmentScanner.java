package io.kvs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a segment record by record for recovery. Bytes that are not a valid record are handled by where they are:
 * <ul>
 *   <li>followed by no valid record (a write torn by a crash): in the last segment they are truncated, so new
 *       writes follow the last good record; in an older segment they are reported and left alone;</li>
 *   <li>followed by a valid record (corruption in the middle): reported with their position and skipped, the scan
 *       resumes at the next valid record. Truncating there would silently drop acknowledged writes behind it, and
 *       refusing to start would take the node down for one bad record that replication can repair.</li>
 * </ul>
 */
final class SegmentScanner {

    private static final Logger LOG = Logger.getLogger(SegmentScanner.class.getName());
    private static final int WINDOW = 1 << 20;

    /** Receives each valid record: {@code record} holds it from its position to its limit. */
    interface Visitor {
        void record(ByteBuffer record, Location at) throws IOException;

        /** Whether the visitor has seen enough: the scan ends before the next record. */
        default boolean done() {
            return false;
        }
    }

    private final Segment segment;
    private final long size;
    private ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart;
    private int windowLength;

    private SegmentScanner(Segment segment) {
        this.segment = segment;
        this.size = segment.size();
    }

    /** Visits every valid record from {@code from}; truncates a torn tail when {@code last}. */
    static void scan(Segment segment, long from, boolean last, Visitor visitor) throws IOException {
        new SegmentScanner(segment).run(from, last, visitor);
    }

    private void run(long from, boolean last, Visitor visitor) throws IOException {
        long at = from;
        while (at < size && !visitor.done()) {
            int length = validLengthAt(at);
            if (length > 0) {
                int start = (int) (at - windowStart);
                visitor.record(window.limit(start + length).position(start), new Location(segment.number, at));
                window.limit(window.capacity());
                at += length;
                continue;
            }
            long next = nextValid(at + 1);
            if (next < 0) {
                endsTorn(at, last);
                return;
            }
            LOG.log(Level.SEVERE, "log segment {0}: skipped {1} corrupt bytes at offset {2}; the records there are "
                    + "lost on this node (replication repairs them)", new Object[] {segment.number, next - at, at});
            at = next;
        }
    }

    private void endsTorn(long at, boolean last) throws IOException {
        if (last) {
            LOG.log(Level.WARNING, "log segment {0}: truncating {1} bytes of an incomplete write at offset {2}",
                    new Object[] {segment.number, size - at, at});
            segment.truncate(at);
        } else {
            LOG.log(Level.SEVERE, "log segment {0}: {1} unreadable bytes at its end (offset {2}) were left in place",
                    new Object[] {segment.number, size - at, at});
        }
    }

    private long nextValid(long from) throws IOException {
        for (long at = from; at + LogRecord.HEADER <= size; at++) {
            if (validLengthAt(at) > 0) {
                return at;
            }
        }
        return -1;
    }

    private int validLengthAt(long at) throws IOException {
        if (!load(at, LogRecord.HEADER)) {
            return -1;
        }
        int claimed = window.getInt((int) (at - windowStart));
        if (claimed < LogRecord.HEADER || claimed > LogRecord.MAX_LENGTH || !load(at, claimed)) {
            return -1;
        }
        int start = (int) (at - windowStart);
        return LogRecord.validLength(window, start, windowLength - start);
    }

    /** Makes bytes [at, at + n) available in the window; false when the file ends before. */
    private boolean load(long at, int n) throws IOException {
        if (at + n > size) {
            return false;
        }
        if (at >= windowStart && at + n <= windowStart + windowLength) {
            return true;
        }
        if (window.capacity() < n) {
            window = ByteBuffer.allocate(n);
        }
        int length = (int) Math.min(window.capacity(), size - at);
        window.clear().limit(length);
        segment.read(window, at);
        window.clear();
        windowStart = at;
        windowLength = length;
        return true;
    }
}
