package io.kvs.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One log segment file. Only the writer thread (or a compaction writing its own new file) appends; any thread
 * reads at a position.
 */
final class Segment implements AutoCloseable {

    final int number;
    private volatile Path path;
    private volatile FileChannel channel;
    private volatile long size;
    private volatile boolean retired;

    private Segment(int number, Path path, FileChannel channel) throws IOException {
        this.number = number;
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
    }

    static Segment open(Path path, int number) throws IOException {
        return new Segment(number, path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /** Gives the file its final name; open channels (and readers using them) are unaffected. */
    void renameTo(Path target) throws IOException {
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        path = target;
    }

    long size() {
        return size;
    }

    /** Writes all of {@code data} at the end of the file. */
    void append(ByteBuffer data) throws IOException {
        int start = data.position();
        long from = size;
        guarded(() -> {
            data.position(start);
            long at = from;
            while (data.hasRemaining()) {
                at += channel.write(data, at);
            }
        });
        size = from + (data.position() - start);
    }

    void force() throws IOException {
        guarded(() -> channel.force(false));
    }

    void truncate(long newSize) throws IOException {
        channel.truncate(newSize);
        channel.force(true);
        size = newSize;
    }

    /** Fills {@code dst} from {@code position}. */
    void read(ByteBuffer dst, long position) throws IOException {
        int start = dst.position();
        guarded(() -> {
            dst.position(start);
            readFully(dst, position);
        });
    }

    private interface ChannelOperation {
        void run() throws IOException;
    }

    /**
     * A FileChannel closes itself, for every thread, when a thread blocked in it is interrupted: so the caller's
     * interrupt flag is set aside during the operation (and restored), and a channel closed by someone else's
     * interrupt is reopened and the operation, which is positional and so repeatable, run again.
     */
    private void guarded(ChannelOperation operation) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            operation.run();
        } catch (ClosedChannelException closed) {
            if (retired) {
                throw new SegmentRetiredException(number);
            }
            reopen();
            operation.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readFully(ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                throw new EOFException("segment " + number + " ends before " + at);
            }
            at += n;
        }
    }

    private synchronized void reopen() throws IOException {
        if (!channel.isOpen() && !retired) {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    /** Closes and deletes the file; readers that still hold it get {@link SegmentRetiredException}. */
    void retire() throws IOException {
        retired = true;
        close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The segment was deleted by compaction while a reader held its number: look the key up again. */
    static final class SegmentRetiredException extends IOException {
        SegmentRetiredException(int number) {
            super("segment " + number + " was compacted away", null);
        }
    }
}
