package io.kvs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The log: numbered segment files {@code NNNNNNNN.seg} in one directory. The highest-numbered segment at open is
 * the active one; the writer thread appends to it and rolls to a new one at {@code segmentBytes}. Compaction adds
 * segments (written under a temporary name, then renamed) and retires old ones. Numbers only grow, so a later copy
 * of a record is always at a later (segment, offset) than its original.
 */
final class AppendLog implements AutoCloseable {

    private static final String SUFFIX = ".seg";
    private static final String TEMP_SUFFIX = ".seg.tmp";
    private static final int FIRST_READ = 4096;

    private final Path dir;
    private final AtomicInteger lastNumber;
    /** Bumped whenever segments are deleted: a reader that missed a segment retries only if it moved. */
    private final AtomicLong retirements = new AtomicLong();
    private volatile Segment[] segments;
    private Segment active;

    private AppendLog(Path dir, Segment[] segments, int highestNumber) throws IOException {
        this.dir = dir;
        this.segments = segments;
        this.lastNumber = new AtomicInteger(highestNumber);
        this.active = segments.length == 0 ? create(nextNumber()) : segments[segments.length - 1];
        if (segments.length == 0) {
            this.segments = new Segment[] {active};
        }
    }

    /**
     * Opens every segment in {@code dir} (created if missing), dropping temporary files of an unfinished compaction.
     * Their numbers are not given out again: a number always names one file's content.
     */
    static AppendLog open(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Segment> found = new ArrayList<>();
        int highest = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    highest = Math.max(highest, number(name, TEMP_SUFFIX));
                    Files.delete(file);
                } else if (name.endsWith(SUFFIX)) {
                    int number = number(name, SUFFIX);
                    highest = Math.max(highest, number);
                    found.add(Segment.open(file, number));
                }
            }
        }
        Segment[] sorted = found.toArray(Segment[]::new);
        Arrays.sort(sorted, (a, b) -> Integer.compare(a.number, b.number));
        return new AppendLog(dir, sorted, highest);
    }

    private static int number(String fileName, String suffix) {
        return Integer.parseInt(fileName.substring(0, fileName.length() - suffix.length()));
    }

    /** All segments, ascending. */
    List<Segment> segments() {
        return List.of(segments);
    }

    Segment active() {
        return active;
    }

    long bytes() {
        long total = 0;
        for (Segment segment : segments) {
            total += segment.size();
        }
        return total;
    }

    long retirements() {
        return retirements.get();
    }

    /** Seals the active segment and starts the next one (writer thread only). */
    Segment roll(boolean force) throws IOException {
        if (force) {
            active.force();
        }
        active = create(nextNumber());
        add(active);
        return active;
    }

    /**
     * A new segment for compaction output, readable at once but under a temporary name until {@link #publish}:
     * open() deletes such files, so a crash before publishing leaves only the originals.
     */
    Segment createTemporary() throws IOException {
        int number = nextNumber();
        Segment segment = Segment.open(dir.resolve(name(number) + TEMP_SUFFIX), number);
        add(segment);
        return segment;
    }

    /** Forces a compaction output file and gives it its final name, so that recovery reads it. */
    void publish(Segment temporary) throws IOException {
        temporary.force();
        temporary.renameTo(dir.resolve(name(temporary.number) + SUFFIX));
        syncDirectory(dir);
    }

    /** Deletes segments no reachable record lives in any more. */
    void retire(Collection<Integer> numbers) throws IOException {
        List<Segment> gone = new ArrayList<>();
        // counted first: a reader that then misses one of these segments sees the count moved, and retries
        retirements.incrementAndGet();
        synchronized (this) {
            List<Segment> kept = new ArrayList<>();
            for (Segment segment : segments) {
                (numbers.contains(segment.number) ? gone : kept).add(segment);
            }
            segments = kept.toArray(Segment[]::new);
        }
        for (Segment segment : gone) {
            segment.retire();
        }
        syncDirectory(dir);
    }

    Segment segment(int number) {
        Segment[] current = segments;
        int low = 0;
        int high = current.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int n = current[mid].number;
            if (n == number) {
                return current[mid];
            } else if (n < number) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return null;
    }

    /**
     * Reads and checks the record at {@code at} into {@code reuse} when it fits (else a new buffer), positioned
     * at 0 with the limit at its end. {@code length} is its length when known, else 0.
     */
    ByteBuffer read(Location at, int length, ByteBuffer reuse) throws IOException {
        Segment segment = segment(at.segment());
        if (segment == null) {
            throw new Segment.SegmentRetiredException(at.segment());
        }
        int first = length > 0 ? length : (int) Math.min(FIRST_READ, segment.size() - at.offset());
        if (first < LogRecord.HEADER) {
            throw corrupt(at);
        }
        ByteBuffer buf = fit(reuse, first);
        segment.read(buf, at.offset());
        int recordLength = buf.getInt(0);
        if (recordLength > first && length == 0 && recordLength <= LogRecord.MAX_LENGTH) {
            ByteBuffer whole = fit(buf.capacity() >= recordLength ? buf : null, recordLength);
            if (whole != buf) {
                whole.put(buf.flip());
            }
            whole.limit(recordLength).position(first);
            segment.read(whole, at.offset() + first);
            buf = whole;
        }
        if (LogRecord.validLength(buf, 0, Math.min(buf.limit(), recordLength)) != recordLength
                || (length > 0 && recordLength != length)) {
            throw corrupt(at);
        }
        return buf.limit(recordLength).position(0);
    }

    private static ByteBuffer fit(ByteBuffer reuse, int size) {
        ByteBuffer buf = reuse != null && reuse.capacity() >= size ? reuse : ByteBuffer.allocate(size);
        return buf.clear().limit(size);
    }

    private static IOException corrupt(Location at) {
        return new IOException("corrupt record at segment " + at.segment() + " offset " + at.offset());
    }

    private int nextNumber() {
        return lastNumber.incrementAndGet();
    }

    private synchronized void add(Segment segment) {
        Segment[] grown = Arrays.copyOf(segments, segments.length + 1);
        grown[grown.length - 1] = segment;
        Arrays.sort(grown, (a, b) -> Integer.compare(a.number, b.number));
        segments = grown;
    }

    private Segment create(int number) throws IOException {
        Segment segment = Segment.open(dir.resolve(name(number) + SUFFIX), number);
        syncDirectory(dir);
        return segment;
    }

    private static String name(int number) {
        return String.format("%08d", number);
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        for (Segment segment : segments) {
            segment.close();
        }
    }
}
