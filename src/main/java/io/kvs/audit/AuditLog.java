package io.kvs.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit hash chain on disk ({@code data_dir/audit/audit.log}, format in {@link HashChain}).
 *
 * <p>Appends are group-committed: request threads only enqueue; one writer thread links a batch of entries onto
 * the chain, writes it with one positioned write and forces it once, then completes the callers' futures. So
 * durability costs one fsync per batch, not per request, and no request thread waits on another's write.
 *
 * <p>The log keeps its head (last seq, last hash, durable length) in memory. {@link #verify()} checks the file
 * against it too, which is what catches the removal or consistent rewrite of the newest entries while the node
 * runs; a plain hash chain cannot see those from the file alone.
 */
public final class AuditLog implements AutoCloseable {

    public static final String FILE_NAME = "audit.log";

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int MAX_BATCH = 1024;
    /** Every this many entries the byte offset of a line is remembered, so paging does not rescan the file. */
    private static final long CHECKPOINT_EVERY = 4096;

    /** The chain as durably written: entries 1..seq, the last one's hash, and the file length they span. */
    public record Head(long seq, String hash, long length) {
    }

    private record Pending(AuditEvent event, CompletableFuture<AuditEntry> done) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final Path file;
    private final FileChannel channel;
    private final String nodeId;
    private final boolean force;
    private final LongSupplier clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final NavigableMap<Long, Long> lineOffsets = new ConcurrentSkipListMap<>();
    private final Object admission = new Object();
    private final Thread writer;
    private volatile Head head;
    private boolean closed;

    private AuditLog(Path file, FileChannel channel, Head head, String nodeId, boolean force, LongSupplier clock,
                     ThreadFactory threads) {
        this.file = file;
        this.channel = channel;
        this.head = head;
        this.nodeId = nodeId;
        this.force = force;
        this.clock = clock;
        this.writer = threads.newThread(this::writeLoop);
        this.writer.start();
    }

    /**
     * Opens the chain in {@code dir} (created if missing) and continues it after its last entry. Bytes after the
     * last newline are a write torn by a crash, never acknowledged, and are cut off.
     *
     * @param force  force each batch to disk before completing its appends
     * @param clock  Unix ms for entry timestamps
     * @throws IOException when the last entry cannot be read, since the chain could not be continued from it
     */
    public static AuditLog open(Path dir, String nodeId, boolean force, LongSupplier clock, ThreadFactory threads)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            Head head = TailReader.recover(file, channel);
            return new AuditLog(file, channel, head, nodeId, force, clock, threads);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends {@code event}; completes with its entry once it is written (and forced, when forcing). */
    public CompletableFuture<AuditEntry> append(AuditEvent event) {
        CompletableFuture<AuditEntry> done = new CompletableFuture<>();
        synchronized (admission) {
            if (closed) {
                done.completeExceptionally(new IllegalStateException("audit log is closed"));
                return done;
            }
            queue.add(new Pending(event, done));
        }
        return done;
    }

    /** The durable head of the chain. */
    public Head head() {
        return head;
    }

    /** The file holding the chain; its first {@link Head#length()} bytes are the durable entries. */
    public Path file() {
        return file;
    }

    /** Up to {@code limit} durable entries with a sequence number above {@code sinceSeq}, in order. */
    public AuditPage read(long sinceSeq, int limit) throws IOException {
        Head h = head;
        long from = Math.max(1, sinceSeq + 1);
        Map.Entry<Long, Long> checkpoint = lineOffsets.floorEntry(from);
        List<AuditEntry> page = checkpoint == null ? null : readFrom(checkpoint.getKey(), checkpoint.getValue(),
                from, limit, h);
        if (page == null) {
            page = readFrom(1, 0, from, limit, h);
        }
        boolean more = page.size() == limit && page.get(page.size() - 1).seq() < h.seq();
        return new AuditPage(page, more ? page.get(page.size() - 1).seq() : null);
    }

    /** Checks the whole file: every entry parses, hashes to its stored hash, links to the one before, ends at the head. */
    public ChainVerdict verify() throws IOException {
        return ChainCheck.run(file, this::head);
    }

    /** Null when the line at a remembered offset is not the entry expected there (the file was changed). */
    private List<AuditEntry> readFrom(long firstSeq, long offset, long from, int limit, Head h) throws IOException {
        List<AuditEntry> page = new ArrayList<>(Math.min(limit, 1024));
        try (LineScanner lines = new LineScanner(file, offset)) {
            long lineNo = firstSeq;
            for (String text = lines.next(); text != null && page.size() < limit; text = lines.next(), lineNo++) {
                AuditEntry entry;
                try {
                    entry = lines.overlong() ? null : HashChain.parse(text);
                } catch (IllegalArgumentException garbled) {
                    entry = null;
                }
                if (lineNo == firstSeq && offset > 0 && (entry == null || entry.seq() != firstSeq)) {
                    lineOffsets.clear();
                    return null;
                }
                if (entry == null || entry.seq() > h.seq()) {
                    continue;
                }
                if (entry.seq() == lineNo && lineNo % CHECKPOINT_EVERY == 0) {
                    lineOffsets.put(lineNo, lines.lineOffset());
                }
                if (entry.seq() >= from) {
                    page.add(entry);
                }
            }
        }
        return page;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                int stop = batch.indexOf(STOP);
                commit(stop < 0 ? batch : batch.subList(0, stop));
                if (stop >= 0) {
                    return;
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Head start = head;
        long seq = start.seq();
        String prev = start.hash();
        StringBuilder text = new StringBuilder(batch.size() * 256);
        List<AuditEntry> linked = new ArrayList<>(batch.size());
        Map<Long, Long> checkpoints = new HashMap<>();
        for (Pending p : batch) {
            AuditEntry entry = HashChain.link(++seq, clock.getAsLong(), nodeId, p.event(), prev);
            if (seq % CHECKPOINT_EVERY == 0) {
                checkpoints.put(seq, start.length() + text.length());
            }
            text.append(HashChain.line(entry));
            linked.add(entry);
            prev = entry.hash();
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        try {
            long position = start.length();
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            if (force) {
                channel.force(false);
            }
            head = new Head(seq, prev, position);
            lineOffsets.putAll(checkpoints);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(linked.get(i));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "audit log write failed; " + batch.size() + " entries not recorded", e);
            discardFrom(start.length());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private void discardFrom(long length) {
        try {
            channel.truncate(length);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "could not cut a failed audit write off " + file + "; verify will flag it", e);
        }
    }

    /** Writes what was appended before the call, then closes the file; later appends fail. */
    @Override
    public void close() throws IOException {
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channel.force(false);
            channel.close();
        }
    }
}
