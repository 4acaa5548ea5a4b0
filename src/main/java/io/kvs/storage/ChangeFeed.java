package io.kvs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's change feed (SPEC §7): every version the writer made current, in the order it applied them. A change
 * is numbered by where its record starts in the log ({@code segment << 32 | offset}): the writer appends records in
 * apply order to ever higher-numbered segments, so the numbers increase with no counter to keep, and a restart finds
 * them unchanged. Recent changes are held in memory (a bounded ring); older ones are read back from the log, skipping
 * the records compaction moved (marked {@link LogRecord#FLAG_COPY}), so each change is told once.
 *
 * <p>Compaction rewrites sealed segments keeping only what reads need, so the history before its seal point is gone:
 * it moves the <em>origin</em> (persisted in {@value #ORIGIN_FILE}) to the seal point before deleting anything, and
 * a resume from before the origin is answered with a reset. A store that predates the feed starts its origin at the
 * end of its log the first time it is opened.
 */
final class ChangeFeed {

    static final String ORIGIN_FILE = "changes.origin";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    /** Bounds of the in-memory ring: a watcher further behind reads from the log (or, when live, is dropped). */
    static final int RING_CHANGES = 16_384;
    static final long RING_BYTES = 32L << 20;
    private static final long CHANGE_OVERHEAD = 96;

    private final AppendLog log;
    private final Path originFile;
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();
    private final Change[] ring;
    private final long ringBytesLimit;
    private int ringHead;
    private int ringSize;
    private long ringBytes;
    /** Every change numbered above this is in the ring. */
    private long floor;
    /** Every change numbered at or above this is still in the log (0: everything since the store was created). */
    private volatile long origin;

    private ChangeFeed(AppendLog log, Path originFile, long origin, long floor, int ringChanges, long ringBytes) {
        this.log = log;
        this.originFile = originFile;
        this.origin = origin;
        this.floor = floor;
        this.ring = new Change[ringChanges];
        this.ringBytesLimit = ringBytes;
    }

    /** Opens the feed of a recovered log; {@code storeDir} holds the origin file. */
    static ChangeFeed open(Path storeDir, AppendLog log) throws IOException {
        return open(storeDir, log, RING_CHANGES, RING_BYTES);
    }

    static ChangeFeed open(Path storeDir, AppendLog log, int ringChanges, long ringBytes) throws IOException {
        Path originFile = storeDir.resolve(ORIGIN_FILE);
        long end = sequence(log.active().number, log.active().size());
        long origin;
        if (Files.exists(originFile)) {
            origin = Long.parseLong(Files.readString(originFile, StandardCharsets.US_ASCII).strip());
        } else {
            origin = log.bytes() == 0 ? 0 : end;
            writeOrigin(originFile, origin);
        }
        return new ChangeFeed(log, originFile, origin, end - 1, ringChanges, ringBytes);
    }

    static long sequence(int segment, long offset) {
        return ((long) segment << 32) | offset;
    }

    static long sequence(Location at) {
        return sequence(at.segment(), at.offset());
    }

    /** Runs {@code wakeUp} on the writer thread after each batch that changed something: keep it short. */
    void onChanges(Runnable wakeUp) {
        wakeUps.add(wakeUp);
    }

    /** Writer thread: a change of the batch just published. */
    synchronized void append(Location at, Batch.Applied applied) {
        Change change = new Change(sequence(at), applied.value(), applied.expiry());
        if (ringSize == ring.length) {
            evictOldest();
        }
        ring[(ringHead + ringSize) % ring.length] = change;
        ringSize++;
        ringBytes += weight(change);
        while (ringBytes > ringBytesLimit && ringSize > 1) {
            evictOldest();
        }
    }

    /** Writer thread, once per published batch that appended changes. */
    void wakeUp() {
        for (Runnable wakeUp : wakeUps) {
            try {
                wakeUp.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a change-feed wake-up failed", e);
            }
        }
    }

    /** The smallest sequence a caller can resume after without a reset. */
    long oldest() {
        long at = origin;
        return at == 0 ? 0 : at - 1;
    }

    /** The highest sequence given out so far (or a point past which nothing was applied yet). */
    synchronized long head() {
        return ringSize == 0 ? floor : ring[(ringHead + ringSize - 1) % ring.length].sequence();
    }

    /**
     * Up to {@code max} changes numbered above {@code after}, oldest first; from memory when the ring still holds
     * them, else from the log. Any number may be asked after, not only one given out; a reset when {@code after} is
     * older than the origin or higher than any sequence given out (a number from another node, or from before a
     * restore).
     */
    ChangePage after(long after, int max) throws IOException {
        long logFloor;
        synchronized (this) {
            if (after > head()) {
                return ChangePage.reset(oldest(), head());
            }
            if (after >= floor) {
                return fromRing(after, max);
            }
            logFloor = floor;
        }
        if (after < oldest()) {
            return ChangePage.reset(oldest(), head());
        }
        try {
            return fromLog(after, logFloor, max);
        } catch (Segment.SegmentRetiredException e) {
            // compaction moved the origin past this point while it was being read
            return ChangePage.reset(oldest(), head());
        }
    }

    /**
     * Compaction's seal point: changes before the segment that starts at {@code firstKept} are about to be
     * rewritten. Persisted before any segment is deleted, so that a crash can only leave the origin too new.
     */
    void moveOrigin(int firstKeptSegment) throws IOException {
        long moved = sequence(firstKeptSegment, 0);
        if (moved > origin) {
            writeOrigin(originFile, moved);
            origin = moved;
        }
    }

    private ChangePage fromRing(long after, int max) {
        int low = 0;
        int high = ringSize;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ring[(ringHead + mid) % ring.length].sequence() <= after) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        List<Change> changes = new ArrayList<>(Math.min(max, ringSize - low));
        for (int i = low; i < ringSize && changes.size() < max; i++) {
            changes.add(ring[(ringHead + i) % ring.length]);
        }
        return ChangePage.recent(changes, changes.isEmpty() ? after : changes.get(changes.size() - 1).sequence());
    }

    private ChangePage fromLog(long after, long upTo, int max) throws IOException {
        int firstSegment = (int) (after >>> 32);
        long firstOffset = after & 0xFFFF_FFFFL;
        List<Change> changes = new ArrayList<>();
        for (Segment segment : log.segments()) {
            if (segment.number < firstSegment || sequence(segment.number, 0) > upTo) {
                continue;
            }
            // a number between two records asks for the same as the one before it: scan that segment from its start
            long from = segment.number == firstSegment && recordStartsAt(segment, firstOffset) ? firstOffset : 0;
            Collector collector = new Collector(after, upTo, max, changes);
            SegmentScanner.scan(segment, from, false, collector);
            if (changes.size() >= max) {
                return ChangePage.logged(changes, changes.get(changes.size() - 1).sequence());
            }
        }
        return ChangePage.logged(changes, upTo);
    }

    private boolean recordStartsAt(Segment segment, long offset) throws Segment.SegmentRetiredException {
        if (offset == 0 || offset >= segment.size()) {
            return false;
        }
        try {
            log.read(new Location(segment.number, offset), 0, null);
            return true;
        } catch (Segment.SegmentRetiredException e) {
            throw e;
        } catch (IOException e) {
            return false;
        }
    }

    private void evictOldest() {
        Change oldest = ring[ringHead];
        ring[ringHead] = null;
        ringHead = (ringHead + 1) % ring.length;
        ringSize--;
        ringBytes -= weight(oldest);
        floor = oldest.sequence();
    }

    private static long weight(Change change) {
        byte[] data = change.value().data();
        return CHANGE_OVERHEAD + 2L * change.value().key().length() + (data == null ? 0 : data.length);
    }

    private static void writeOrigin(Path file, long origin) throws IOException {
        Path pending = file.resolveSibling(file.getFileName() + ".pending");
        Files.writeString(pending, Long.toString(origin), StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AppendLog.syncDirectory(file.getParent());
    }

    /** Collects the original records of one segment that fall in (after, upTo], until there are max. */
    private static final class Collector implements SegmentScanner.Visitor {
        private final long after;
        private final long upTo;
        private final int max;
        private final List<Change> changes;
        private boolean past;

        Collector(long after, long upTo, int max, List<Change> changes) {
            this.after = after;
            this.upTo = upTo;
            this.max = max;
            this.changes = changes;
        }

        @Override
        public void record(ByteBuffer buffer, Location at) {
            long sequence = sequence(at);
            ByteBuffer record = buffer.slice();
            past = sequence > upTo;
            if (sequence <= after || past || LogRecord.copy(record)) {
                return;
            }
            LogRecord decoded = LogRecord.decode(record, 0);
            byte[] data = null;
            if (!decoded.tombstone()) {
                int start = LogRecord.payloadStart(record);
                try {
                    data = PayloadCodec.decode(LogRecord.compressed(record), record, start, record.limit() - start);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            changes.add(new Change(sequence, new StoredValue(decoded.key(), decoded.version(), decoded.expiresAt(),
                    decoded.tombstone(), data), LogRecord.expiry(record)));
        }

        @Override
        public boolean done() {
            return past || changes.size() >= max;
        }
    }
}
