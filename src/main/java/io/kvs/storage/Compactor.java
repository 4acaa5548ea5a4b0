package io.kvs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reclaims log space. Seals the active segment, then for every key copies from the sealed segments only what is
 * still needed (its current version, up to {@code revisionLimit - 1} older revisions, unexpired ones, and
 * tombstones younger than the purge age) into new segments, relinked to their new places. The index is swapped in
 * chunks on the writer thread ({@link Relocation}); only when every key is swapped are the sealed segments
 * deleted. Reads and writes go on meanwhile. Before a chunk is swapped, the output it points into is forced and
 * published under its final name: from the swap on, new writes link their previous revision into it, so it must
 * survive a crash. A crash at any point leaves the originals, and copies that are published up to the last swap
 * (duplicates of a version are harmless to recovery; a torn tail after the last swap is referred to by nothing).
 */
final class Compactor {

    private static final Logger LOG = Logger.getLogger(Compactor.class.getName());
    /** Keys per writer-thread swap, so that writes queued behind a swap wait only briefly. */
    private static final int CHUNK = 2048;
    /** Below this much garbage a rewrite is not worth it, whatever the share. */
    private static final long MIN_DEAD_BYTES = 64 << 10;

    private final StoreSettings settings;
    private final AppendLog log;
    private final StoreState state;
    private final CommitWriter writer;
    private final ChangeFeed feed;
    private volatile boolean stopping;
    private volatile Runnable afterSwap = () -> { };

    Compactor(StoreSettings settings, AppendLog log, StoreState state, CommitWriter writer, ChangeFeed feed) {
        this.settings = settings;
        this.log = log;
        this.state = state;
        this.writer = writer;
        this.feed = feed;
    }

    CompactionResult compactIfNeeded() throws IOException {
        long logBytes = log.bytes();
        long dead = state.space.deadBytes(logBytes, settings.clock().getAsLong());
        boolean needed = dead >= MIN_DEAD_BYTES && dead > settings.compactionThreshold() * logBytes;
        return needed ? compact() : null;
    }

    synchronized CompactionResult compact() throws IOException {
        if (stopping) {
            throw new IllegalStateException("store is closing");
        }
        long started = System.nanoTime();
        long before = log.bytes();
        long now = settings.clock().getAsLong();
        @SuppressWarnings("unchecked")
        Set<Integer> sealed = (Set<Integer>) await(writer.exclusive(batch -> seal()));
        // the history in the sealed segments is about to be rewritten: resumes from before the seal get a reset
        if (!sealed.isEmpty()) {
            feed.moveOrigin(Collections.max(sealed) + 1);
        }
        Output output = new Output();
        try {
            List<Relocation> chunk = new ArrayList<>();
            for (byte[] keyBytes : state.keys.from(null)) {
                if (stopping) {
                    throw new IllegalStateException("compaction stopped: store is closing");
                }
                Relocation relocation = copy(keyBytes, sealed, now, output);
                if (relocation != null) {
                    chunk.add(relocation);
                }
                if (chunk.size() >= CHUNK || output.full()) {
                    swap(chunk, output);
                }
            }
            swap(chunk, output);
        } finally {
            output.finish();
        }
        log.retire(sealed);
        long after = log.bytes();
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(Level.INFO, "compaction: {0} -> {1} bytes in {2} ms", new Object[] {before, after, millis});
        return new CompactionResult(before, after, millis);
    }

    /**
     * Seals the active segment on the writer thread, then lets {@code reader} read the sealed segments while this
     * monitor keeps compaction (which retires segments) from starting. Writes go on into the new active segment.
     */
    synchronized <T> T withSealedLog(LogSnapshot.Reader<T> reader) throws IOException {
        if (stopping) {
            throw new IllegalStateException("store is closing");
        }
        LogSnapshot snapshot = (LogSnapshot) await(writer.exclusive(batch -> {
            Set<Integer> sealed = seal();
            List<Path> files = new ArrayList<>();
            for (Segment segment : log.segments()) {
                if (sealed.contains(segment.number)) {
                    files.add(settings.dataDir().relativize(segment.path()));
                }
            }
            return new LogSnapshot(settings.dataDir(), files, state.space.liveKeys());
        }));
        return reader.read(snapshot);
    }

    void afterSwap(Runnable hook) {
        afterSwap = hook;
    }

    /** Makes a running compaction give up at its next key and waits for it. */
    void stop() {
        stopping = true;
        synchronized (this) {
            // entered once a running compaction has given up
            LOG.fine("compaction stopped");
        }
    }

    private Set<Integer> seal() throws IOException {
        if (log.active().size() > 0) {
            log.roll(settings.fsync());
        }
        Set<Integer> sealed = new HashSet<>();
        for (Segment segment : log.segments()) {
            if (segment != log.active()) {
                sealed.add(segment.number);
            }
        }
        return sealed;
    }

    /** Copies what {@code key} still needs from the sealed segments; null when nothing of it is there. */
    private Relocation copy(byte[] keyBytes, Set<Integer> sealed, long now, Output output) throws IOException {
        String key = new String(keyBytes, StandardCharsets.UTF_8);
        IndexEntry entry = state.index.get(key);
        int limit = settings.revisionLimit();
        if (entry == null) {
            return null;
        }
        Location at = entry.location();
        int newer = 0;
        try {
            while (at != null && !sealed.contains(at.segment())) {
                if (++newer >= limit) {
                    return null;
                }
                at = LogRecord.decode(log.read(at, 0, null), 0).previous();
            }
        } catch (IOException e) {
            return null;
        }
        if (at == null) {
            return null;
        }
        if (newer == 0 && purgeable(entry, now)) {
            return new Relocation(key, keyBytes, entry, at, null, 0, 0, 0, true);
        }
        List<ByteBuffer> kept = collect(key, entry, at, newer == 0, limit - newer, sealed, now);
        Location newHead = null;
        long bytes = 0;
        for (int i = kept.size() - 1; i >= 0; i--) {
            ByteBuffer record = kept.get(i);
            LogRecord.relinkCopy(record, newHead);
            newHead = output.append(record);
            bytes += record.limit();
        }
        int newLength = kept.isEmpty() ? 0 : kept.get(0).limit();
        return new Relocation(key, keyBytes, entry, at, newHead, newLength, kept.size(), bytes, false);
    }

    /** The sealed records to keep, newest first: the head always when it is current, then unexpired ones. */
    private List<ByteBuffer> collect(String key, IndexEntry entry, Location sealedHead, boolean headIsCurrent,
                                     int budget, Set<Integer> sealed, long now) throws IOException {
        List<ByteBuffer> kept = new ArrayList<>();
        Location at = sealedHead;
        for (int steps = 0; at != null && steps < budget && sealed.contains(at.segment()); steps++) {
            boolean current = headIsCurrent && steps == 0;
            ByteBuffer record;
            try {
                record = log.read(at, current ? entry.length() : 0, null);
            } catch (IOException e) {
                if (current) {
                    throw new IOException("compaction stopped: the current version of " + key
                            + " is unreadable; its segment is kept", e);
                }
                LOG.log(Level.WARNING, "compaction: history of " + key + " ends at an unreadable record", e);
                break;
            }
            LogRecord decoded = LogRecord.decode(record, 0);
            boolean expired = !decoded.tombstone() && decoded.expiresAt() != 0 && decoded.expiresAt() <= now;
            if (current || !expired) {
                kept.add(record);
            }
            at = decoded.previous();
        }
        return kept;
    }

    private boolean purgeable(IndexEntry entry, long now) {
        long since = entry.tombstone() ? entry.timestamp() : entry.expiresAt();
        return (entry.tombstone() || entry.expiresAt() != 0) && since + settings.tombstoneGcMillis() <= now;
    }

    private void swap(List<Relocation> chunk, Output output) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        output.publish();
        List<Relocation> swapped = List.copyOf(chunk);
        chunk.clear();
        await(writer.exclusive(batch -> {
            for (Relocation relocation : swapped) {
                relocation.swap(batch, log, settings.revisionLimit());
            }
            return null;
        }));
        afterSwap.run();
        if (output.full()) {
            output.finish();
        }
    }

    private static Object await(CompletableFuture<Object> done) throws IOException {
        try {
            return done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * The compaction output: segments written through a buffer, each published before the first swap that points
     * into it, forced before every later one, and left for the next once full.
     */
    private final class Output {
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        private Segment segment;
        private boolean published;

        Location append(ByteBuffer record) throws IOException {
            if (segment == null) {
                segment = log.createTemporary();
            }
            if (buffer.remaining() < record.remaining()) {
                flush();
            }
            Location at = new Location(segment.number, segment.size() + buffer.position());
            if (record.remaining() > buffer.capacity()) {
                segment.append(record);
            } else {
                buffer.put(record);
            }
            return at;
        }

        boolean full() {
            return segment != null && segment.size() + buffer.position() >= settings.segmentBytes();
        }

        void flush() throws IOException {
            if (segment != null) {
                segment.append(buffer.flip());
            }
            buffer.clear();
        }

        /** Makes everything appended so far durable, under the file's final name, so that the index may point to it. */
        void publish() throws IOException {
            if (segment == null) {
                return;
            }
            flush();
            if (published) {
                segment.force();
            } else {
                log.publish(segment);
                published = true;
            }
        }

        /** Publishes the current file and starts afresh with the next append. */
        void finish() throws IOException {
            publish();
            segment = null;
            published = false;
        }
    }
}
