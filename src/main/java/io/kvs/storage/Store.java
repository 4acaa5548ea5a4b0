package io.kvs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The storage engine's front door: an append-only log (the truth) plus a persisted Chronicle Map index (a cache of
 * where each key's current version lives), written by one group-commit writer thread.
 *
 * <p>On disk, under {@code dataDir}: {@code log/NNNNNNNN.seg} (the records, see {@link LogRecord}),
 * {@code index.cmap} (the index), {@code clean-shutdown} (present only between a clean close and the next open) and
 * {@code lock} (see {@link StoreLock}).
 */
public final class Store implements AutoCloseable {

    /** Bytes of values one range page may carry (the first value always goes, whatever its size). */
    static final long RANGE_PAGE_VALUE_BYTES = 4L << 20;

    private static final Logger LOG = Logger.getLogger(Store.class.getName());
    private static final String MARKER = "clean-shutdown";
    private static final String INDEX = "index.cmap";

    private final StoreSettings settings;
    private final AppendLog log;
    private final StoreState state;
    private final CommitWriter writer;
    private final RecordReader reader;
    private final Listings listings;
    private final Compactor compactor;
    private final PayloadCodec codec;
    private final ExpiryReaper reaper;
    private final StoreLock lock;
    private final ChangeFeed feed;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Store(StoreSettings settings, StoreLock lock, AppendLog log, StoreState state, CommitWriter writer,
                  ChangeFeed feed) {
        this.settings = settings;
        this.feed = feed;
        this.lock = lock;
        this.log = log;
        this.state = state;
        this.writer = writer;
        this.reader = new RecordReader(log, state, settings.clock());
        this.listings = new Listings(state, reader, settings.clock());
        this.compactor = new Compactor(settings, log, state, writer, feed);
        this.codec = new PayloadCodec(settings.compression(), settings.compressionLevel());
        this.reaper = new ExpiryReaper(state, writer);
    }

    /**
     * Opens (or creates) the store in {@code settings.dataDir()}: replays the log from the index checkpoint, or
     * rebuilds the index from the whole log when it is missing, corrupt or was not closed cleanly.
     * The writer thread and the thread that answers writes are made by {@code threads} (a container-managed factory
     * inside Payara).
     *
     * @throws StoreInUseException when another open store, in this process or another, holds the directory's lock
     */
    public static Store open(StoreSettings settings, ThreadFactory threads) throws IOException {
        if (settings.revisionLimit() < 1 || settings.segmentBytes() < LogRecord.HEADER) {
            throw new IllegalArgumentException("revisionLimit must be >= 1 and segmentBytes >= " + LogRecord.HEADER);
        }
        StoreLock lock = StoreLock.acquire(settings.dataDir());
        try {
            return open(settings, threads, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Store open(StoreSettings settings, ThreadFactory threads, StoreLock lock) throws IOException {
        Path dir = settings.dataDir();
        boolean clean = Files.deleteIfExists(dir.resolve(MARKER));
        if (clean) {
            AppendLog.syncDirectory(dir);
        }
        long started = System.nanoTime();
        AppendLog log = AppendLog.open(dir.resolve("log"));
        KeyIndex index;
        try {
            index = IndexRecovery.open(dir.resolve(INDEX), settings.indexCapacity(), clean, log,
                    settings.revisionLimit());
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        long indexed = System.nanoTime();
        StoreState state = new StoreState(index, settings.tombstoneGcMillis());
        HybridClock clock = new HybridClock(settings.clock(), state.load());
        LOG.log(Level.INFO, "store opened: {0} keys, {1} log bytes; index ready in {2} ms, key set in {3} ms",
                new Object[] {state.keys.size(), log.bytes(), (indexed - started) / 1_000_000,
                        (System.nanoTime() - indexed) / 1_000_000});
        Batch batch = new Batch(log, index, settings.segmentBytes(), settings.fsync());
        Acknowledger acknowledger = new Acknowledger();
        ChangeFeed feed = ChangeFeed.open(dir, log);
        CommitWriter writer = new CommitWriter(batch, new Mutations(settings, batch, clock, index.writers()), state,
                acknowledger, feed);
        start(threads, acknowledger, "kvs-store-acknowledger");
        start(threads, writer, "kvs-store-writer");
        return new Store(settings, lock, log, state, writer, feed);
    }

    /**
     * Writes a new version of {@code key}; completes once the version is durable and visible, on the store's
     * acknowledger thread (never block there: every write's answer waits behind it).
     * Fails with {@link PreconditionFailedException} when {@code precondition} does not hold.
     *
     * @param json      the JSON bytes exactly as they must be served back
     * @param expiresAt Unix ms after which the value reads as absent, 0 for never
     */
    public CompletableFuture<StoredValue> put(String key, byte[] json, long expiresAt, Precondition precondition) {
        return put(key, json, expiresAt, precondition, null, null);
    }

    /**
     * {@link #put}, and, iff {@code precondition} holds, a new version of {@code companionKey} (with the same
     * expiry) in the same durable batch, written first: a key's metadata is never written without its data, and
     * the data never without its metadata.
     */
    public CompletableFuture<StoredValue> putWithCompanion(String key, byte[] json, long expiresAt,
                                                           Precondition precondition, String companionKey,
                                                           byte[] companionJson) {
        return put(key, json, expiresAt, precondition, companionKey, companionJson);
    }

    private CompletableFuture<StoredValue> put(String key, byte[] json, long expiresAt, Precondition precondition,
                                               String companionKey, byte[] companionJson) {
        byte[] keyBytes = keyBytes(key);
        PayloadCodec.Encoded payload = codec.encode(json);
        checkSize(keyBytes, payload);
        WriteCommand.Companion companion = null;
        if (companionKey != null) {
            byte[] companionKeyBytes = keyBytes(companionKey);
            PayloadCodec.Encoded companionPayload = codec.encode(companionJson);
            checkSize(companionKeyBytes, companionPayload);
            companion = new WriteCommand.Companion(companionKey, companionKeyBytes, companionJson, companionPayload,
                    expiresAt);
        }
        return writer.submit(new WriteCommand.Put(key, keyBytes, json, payload, expiresAt, precondition, companion,
                new CompletableFuture<>())).done();
    }

    /** Writes a tombstone; fails with {@link NoLiveValueException} or {@link PreconditionFailedException}. */
    public CompletableFuture<StoredValue> delete(String key, Precondition precondition) {
        return writer.submit(new WriteCommand.Delete(key, keyBytes(key), precondition, new CompletableFuture<>()))
                .done();
    }

    /**
     * Applies a version written elsewhere iff it wins over the local one (SPEC §4); completes with whether it did.
     * Either way the local clock moves past its timestamp.
     */
    public CompletableFuture<Boolean> applyIfNewer(StoredValue version) {
        Version v = version.version();
        if (v == null || v.uuid() == null || v.writerNode() == null
                || (!version.tombstone() && version.data() == null)) {
            throw new IllegalArgumentException("incomplete version of " + version.key());
        }
        byte[] keyBytes = keyBytes(version.key());
        PayloadCodec.Encoded payload = version.tombstone() ? null : codec.encode(version.data());
        checkSize(keyBytes, payload);
        return writer.submit(new WriteCommand.Apply(version, keyBytes, payload, null, new CompletableFuture<>()))
                .done();
    }

    /** The live value of {@code key}: absent when missing, deleted or expired. */
    public Optional<StoredValue> get(String key) {
        return !isStorable(key) ? Optional.empty() : Optional.ofNullable(reader.live(key));
    }

    /** The current version of {@code key} without its data, tombstones and expired versions included. */
    public Optional<StoredValue> currentVersion(String key) {
        return !isStorable(key) ? Optional.empty() : Optional.ofNullable(state.withoutData(key, state.index.get(key)));
    }

    /**
     * Up to {@code limit} versions of {@code key}, newest first, the live one included; empty when not live.
     * Bounded by the revision limit; older revisions that have expired are left out, tombstones are included
     * (with {@code tombstone} set and no data).
     */
    public List<StoredValue> history(String key, int limit) {
        return !isStorable(key) ? List.of() : reader.history(key, Math.min(limit, settings.revisionLimit()));
    }

    /**
     * Live keys in ascending unsigned UTF-8 byte order from {@code startKey} (inclusive, null = first) to
     * {@code endKey} (exclusive, null = unbounded), skipping keys {@code visible} rejects, at most {@code limit}; a
     * page is bounded in bytes and in keys looked at ({@link Listings#range}).
     */
    public RangePage range(String startKey, String endKey, int limit, boolean includeValues,
                           Predicate<String> visible) {
        return listings.range(startKey, endKey, limit, includeValues, visible);
    }

    /** One level of the keys under {@code prefix}, split at {@code separator} (SPEC §10; {@link Listings#level}). */
    public LevelPage level(String prefix, String separator, String startKey, int limit, boolean includeValues,
                           Predicate<String> visible) {
        return listings.level(prefix, separator, startKey, limit, includeValues, visible);
    }

    /**
     * Current versions of every key from {@code startKey} (inclusive, null = first) in key order, tombstones and
     * expired versions included, without data: for anti-entropy and bootstrap, which must see deletions too.
     */
    public RangePage versions(String startKey, int limit) {
        return listings.versions(startKey, limit);
    }

    /**
     * Writes tombstones for every version expired at {@code nowMillis}; returns how many. See {@link ExpiryReaper}
     * for why every node writes the very same tombstone.
     */
    public int reapExpired(long nowMillis) {
        return reaper.reapExpired(nowMillis);
    }

    /** Rewrites sealed segments keeping live data and retained revisions; reads and writes go on meanwhile. */
    public CompactionResult compact() throws IOException {
        return compactor.compact();
    }

    /** Runs {@code hook} on the compacting thread after each chunk of keys is swapped into the index (tests: a crash there). */
    void afterCompactionSwap(Runnable hook) {
        compactor.afterSwap(hook);
    }

    /** Compacts when the dead share of the log passes the configured threshold; null when it did not. */
    public CompactionResult compactIfNeeded() throws IOException {
        return compactor.compactIfNeeded();
    }

    /**
     * Lets {@code reader} copy a consistent cut of the log (for backups): every write acknowledged before the call
     * is in the snapshot's segments, which stay unchanged until {@code reader} returns. Reads and writes go on;
     * compaction waits.
     */
    public <T> T readSnapshot(LogSnapshot.Reader<T> reader) throws IOException {
        return compactor.withSealedLog(reader);
    }

    /** Sets the one observer told of every group commit (batch size, fsync time); replaces any earlier one. */
    public void observeCommits(CommitObserver observer) {
        writer.batch().observe(observer);
    }

    /** Share of the log's bytes that compaction would reclaim now, 0 to 1. */
    public double deadFraction() {
        long bytes = log.bytes();
        return bytes == 0 ? 0 : Math.min(1, (double) state.space.deadBytes(bytes, settings.clock().getAsLong()) / bytes);
    }

    public void addListener(StoreListener listener) {
        writer.addListener(listener);
    }

    /**
     * Up to {@code max} changes this node applied after {@code sequence}, in apply order (SPEC §7): from memory
     * when they are recent, else read back from the log. A reset when that part of the history is gone.
     */
    public ChangePage changesAfter(long sequence, int max) {
        try {
            return feed.after(sequence, max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sequence of the newest change, to watch from now on. */
    public long lastChange() {
        return feed.head();
    }

    /** Runs {@code wakeUp} on the writer thread after each batch that applied changes: only signal, never block. */
    public void onChanges(Runnable wakeUp) {
        feed.onChanges(wakeUp);
    }

    /** Number of keys whose current version is not a tombstone (expired ones count until reaped). */
    public long liveKeyCount() {
        return state.space.liveKeys();
    }

    /** Bytes of all log segments on disk. */
    public long logBytes() {
        return log.bytes();
    }

    /** Group-commit statistics: log writes so far, and forces among them. */
    long[] commitsAndForces() {
        return new long[] {writer.batch().commits(), writer.batch().forces()};
    }

    /** Drains the writer, forces the log, closes the index and marks the shutdown clean. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        compactor.stop();
        writer.stop(batch -> {
            for (Segment segment : log.segments()) {
                segment.force();
            }
            state.index.checkpoint(new Location(log.active().number, log.active().size()));
            return null;
        });
        boolean healthy = writer.failure() == null;
        codec.close();
        state.index.close();
        try {
            log.close();
            if (healthy) {
                markClean();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the store", e);
        } finally {
            lock.close();
        }
    }

    /** The index file is forced first: the marker vouches for it. */
    private void markClean() throws IOException {
        Path dir = settings.dataDir();
        try (FileChannel index = FileChannel.open(dir.resolve(INDEX), StandardOpenOption.WRITE)) {
            index.force(true);
        }
        try (FileChannel marker = FileChannel.open(dir.resolve(MARKER), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            marker.force(true);
        }
        AppendLog.syncDirectory(dir);
    }

    private static void start(ThreadFactory threads, Runnable task, String name) {
        Thread thread = threads.newThread(task);
        thread.setName(name);
        thread.start();
    }

    static byte[] keyBytes(String key) {
        if (!isStorable(key)) {
            throw new IllegalArgumentException("key must be non-empty and not start with U+0000");
        }
        return SortedKeys.utf8(key);
    }

    /**
     * Whether the store takes {@code key}: any non-empty string but those starting with U+0000, under which the index
     * keeps its own bookkeeping (SPEC §1 keeps control characters from clients).
     */
    public static boolean isStorable(String key) {
        return key != null && !key.isEmpty() && key.charAt(0) != '\u0000';
    }

    private static void checkSize(byte[] keyBytes, PayloadCodec.Encoded payload) {
        int length = LogRecord.HEADER + keyBytes.length + (payload == null ? 0 : payload.bytes().length) + 256;
        if (length > LogRecord.MAX_LENGTH || keyBytes.length > 0xFFFF) {
            throw new IllegalArgumentException("value too large for one log record");
        }
    }
}
