package io.kvs.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One group commit being assembled on the writer thread: the encoded records (written with one write per segment,
 * forced once), the index state as this batch changes it (so two writes of one key in a batch see each other), and
 * what to publish and whom to answer once the batch is durable.
 */
final class Batch {

    private static final Logger LOG = Logger.getLogger(Batch.class.getName());
    private static final int BUFFER = 1 << 20;

    /** A key whose current entry changes from {@code previous} to {@code current} (null: the key is dropped). */
    record Change(String key, byte[] keyBytes, IndexEntry previous, IndexEntry current, Applied applied) {
    }

    /** A new version made current: a change that listeners and the change feed hear of. Relocations have none. */
    record Applied(StoredValue value, boolean expiry) {
    }

    /** A caller to answer after the commit: with {@code value}, or with {@code error} when it is set. */
    record Outcome(CompletableFuture<Object> done, Object value, RuntimeException error) {
    }

    private final AppendLog log;
    private final KeyIndex index;
    private final long segmentBytes;
    private final boolean fsync;
    private final Map<String, IndexEntry> overlay = new HashMap<>();
    final List<Change> changes = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private long bytes;
    private volatile long commits;
    private volatile long forces;
    private volatile CommitObserver observer;

    Batch(AppendLog log, KeyIndex index, long segmentBytes, boolean fsync) {
        this.log = log;
        this.index = index;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
    }

    /** The key's entry as of this point of the batch. */
    IndexEntry current(String key) {
        return overlay.containsKey(key) ? overlay.get(key) : index.get(key);
    }

    void change(String key, byte[] keyBytes, IndexEntry previous, IndexEntry current, Applied applied) {
        overlay.put(key, current);
        changes.add(new Change(key, keyBytes, previous, current, applied));
    }

    @SuppressWarnings("unchecked")
    void answer(CompletableFuture<?> done, Object value, RuntimeException error) {
        outcomes.add(new Outcome((CompletableFuture<Object>) done, value, error));
    }

    /**
     * Makes room for a record of {@code length} bytes, first rolling to a new segment when it would carry the
     * active one past {@code segmentBytes}, and returns where it will be. The caller encodes it into
     * {@link #buffer()} right away.
     */
    Location reserve(int length) throws IOException {
        long end = log.active().size() + buffer.position();
        if (end > 0 && end + length > segmentBytes) {
            flush();
            log.roll(fsync);
        }
        if (buffer.remaining() < length) {
            flush();
            if (buffer.capacity() < length) {
                buffer = ByteBuffer.allocateDirect(length);
            }
        }
        bytes += length;
        return new Location(log.active().number, log.active().size() + buffer.position());
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** Bytes of records in this batch so far. */
    long bytes() {
        return bytes;
    }

    /** Writes what is buffered and, with fsync, forces it: after this the batch is durable. */
    void commit() throws IOException {
        boolean wrote = bytes > 0;
        flush();
        if (wrote) {
            commits++;
        }
        long forceNanos = -1;
        if (fsync && wrote) {
            long started = System.nanoTime();
            log.active().force();
            forceNanos = System.nanoTime() - started;
            forces++;
        }
        CommitObserver watching = observer;
        if (wrote && watching != null) {
            try {
                watching.committed(changes.size(), forceNanos);
            } catch (RuntimeException e) {
                // A metrics fault must not look like a log write failure, which stops the store.
                LOG.log(Level.WARNING, "commit observer failed", e);
            }
        }
    }

    void observe(CommitObserver commitObserver) {
        observer = commitObserver;
    }

    /** Batches that wrote records, and forces they made (rolls not counted): group-commit statistics. */
    long commits() {
        return commits;
    }

    long forces() {
        return forces;
    }

    void clear() {
        overlay.clear();
        changes.clear();
        outcomes.clear();
        bytes = 0;
        buffer.clear();
        if (buffer.capacity() > BUFFER) {
            buffer = ByteBuffer.allocateDirect(BUFFER);
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        if (buffer.hasRemaining()) {
            log.active().append(buffer);
        }
        buffer.clear();
    }
}
