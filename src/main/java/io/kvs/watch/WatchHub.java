package io.kvs.watch;

import io.kvs.storage.Change;
import io.kvs.storage.ChangePage;
import io.kvs.storage.Store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every open watch of this node, fed from the store's change feed by one dispatcher thread (SPEC §7). Nothing is
 * buffered per watcher: each keeps only its place in the feed and takes the next page of changes when its sink can
 * be written without blocking, so an open watch holds no thread and a slow one no memory. The feed keeps recent
 * changes in memory and reads older ones back from the log (a resume from far back); a watcher that had caught up
 * and then falls further behind than memory holds, because it stopped reading or reads slower than the node
 * changes, is disconnected and counted. It can resume with {@code Last-Event-ID}.
 */
public final class WatchHub implements AutoCloseable {

    /** Changes asked of the feed at a time, and bytes written to a sink at a time. */
    static final int PAGE = 512;
    static final int WRITE_BYTES = 64 << 10;
    /** Writes one watcher gets before the others get theirs. */
    private static final int WRITES_PER_TURN = 8;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = Logger.getLogger(WatchHub.class.getName());

    private final Store store;
    private final long keepAliveNanos;
    private final LongSupplier nanoTime;
    private final Runnable onDropped;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Watcher> writable = new ConcurrentLinkedQueue<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Object signal = new Object();
    private final Thread dispatcher;
    private boolean changed;
    private volatile boolean running = true;

    /**
     * @param keepAlive how long a stream may stay silent before a keep-alive comment goes out
     * @param onDropped told of each watcher disconnected for falling behind (the metrics count it)
     */
    public WatchHub(Store store, ThreadFactory threads, Duration keepAlive, LongSupplier nanoTime,
                    Runnable onDropped) {
        this.store = store;
        this.keepAliveNanos = keepAlive.toNanos();
        this.nanoTime = nanoTime;
        this.onDropped = onDropped;
        this.dispatcher = threads.newThread(this::dispatch);
        dispatcher.setName("kvs-watch-dispatcher");
        dispatcher.setDaemon(true);
        store.onChanges(this::changesArrived);
        dispatcher.start();
    }

    /**
     * Starts a watch: from {@code query}'s resume point, else from the newest change. Nothing is written before the
     * sink's first {@link Watch#writable()} (the container's first {@code onWritePossible}); the stream then opens
     * with a comment, so that the client sees it open before any change arrives.
     *
     * @param readable which keys the caller may read, asked again for every change
     * @param admitted whether the caller's credentials still hold, asked every tick (a second): once they do not
     *                 (the token expired or was revoked), the stream ends, and the client's reconnect gets the 401
     */
    public Watch open(WatchQuery query, Predicate<String> readable, BooleanSupplier admitted, EventSink sink) {
        long cursor = query.since().orElseGet(store::lastChange);
        Watcher watcher = new Watcher(query, readable, admitted, sink, cursor);
        watchers.add(watcher);
        return watcher;
    }

    /** How many watches are open. */
    public int open() {
        return watchers.size();
    }

    /** How many watchers were disconnected for falling behind, since start. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchers.forEach(watcher -> end(watcher));
    }

    /** Writer thread: only signals. */
    private void changesArrived() {
        synchronized (signal) {
            changed = true;
            signal.notifyAll();
        }
    }

    private void dispatch() {
        long nextTick = nanoTime.getAsLong() + TICK_NANOS;
        while (running) {
            boolean everyone;
            synchronized (signal) {
                long wait = nextTick - nanoTime.getAsLong();
                if (!changed && writable.isEmpty() && wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(signal, wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                everyone = changed;
                changed = false;
            }
            try {
                if (everyone) {
                    watchers.forEach(this::pump);
                }
                for (Watcher next; (next = writable.poll()) != null; ) {
                    pump(next);
                }
                long now = nanoTime.getAsLong();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    tick(now);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the watch dispatcher failed a round; it goes on", e);
            }
        }
    }

    /** Every second: ends the watches whose credentials no longer hold, sends keep-alives to the quiet ones. */
    private void tick(long now) {
        for (Watcher watcher : watchers) {
            if (!watcher.admitted.getAsBoolean()) {
                LOG.log(Level.FINE, "ended a watch whose credentials no longer hold");
                end(watcher);
            } else if (now - watcher.lastWrite >= keepAliveNanos && watcher.pending == null) {
                // with the watcher's place in the feed: a client that resumes later skips what it was not sent
                watcher.pending = SseEvents.keepAlive(watcher.cursor);
                pump(watcher);
            }
        }
    }

    /** Dispatcher thread only: writes what the watcher has to send while its sink takes it without blocking. */
    private void pump(Watcher watcher) {
        if (!watcher.started || watcher.closed.get()) {
            return;
        }
        try {
            for (int writes = 0; watcher.sink.ready(); writes++) {
                if (writes == WRITES_PER_TURN) {
                    writable.add(watcher); // more to send: after the others have had their turn
                    return;
                }
                byte[] next = watcher.next();
                if (next == null) {
                    return;
                }
                watcher.sink.write(next);
                watcher.lastWrite = nanoTime.getAsLong();
            }
        } catch (FellBehind behind) {
            dropped.incrementAndGet();
            onDropped.run();
            LOG.log(Level.INFO, "disconnected a watcher that fell behind what the change feed keeps in memory "
                    + "(it stopped reading, or reads slower than this node changes); it may resume after {0}",
                    behind.cursor);
            end(watcher);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "a watch stream failed (client gone?)", e);
            end(watcher);
        }
    }

    private void end(Watcher watcher) {
        if (!watcher.closed.compareAndSet(false, true)) {
            return;
        }
        watchers.remove(watcher);
        try {
            watcher.sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a watch stream failed", e);
        }
    }

    /** A watcher that had caught up is further behind than the feed keeps in memory. */
    private static final class FellBehind extends Exception {
        final long cursor;

        FellBehind(long cursor) {
            super(null, null, false, false);
            this.cursor = cursor;
        }
    }

    private final class Watcher implements Watch {
        final WatchQuery query;
        final Predicate<String> readable;
        final BooleanSupplier admitted;
        final EventSink sink;
        /** The feed's sequence this watcher has been sent everything up to. */
        long cursor;
        /** Has been served from memory: from then on, falling back to the log means it fell behind. */
        boolean caughtUp;
        /** Bytes to send before the next changes: the opening comment, a keep-alive. */
        volatile byte[] pending = SseEvents.OPENED;
        volatile long lastWrite = nanoTime.getAsLong();
        final AtomicBoolean closed = new AtomicBoolean();
        /** The sink has said it can be written: before that, the container is not ready for non-blocking writes. */
        volatile boolean started;

        Watcher(WatchQuery query, Predicate<String> readable, BooleanSupplier admitted, EventSink sink, long cursor) {
            this.query = query;
            this.readable = readable;
            this.admitted = admitted;
            this.sink = sink;
            this.cursor = cursor;
        }

        @Override
        public void writable() {
            if (!closed.get()) {
                started = true;
                writable.add(this);
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        }

        @Override
        public void ended() {
            end(this);
        }

        /** The next bytes to send, at most about {@link #WRITE_BYTES}; null when there is nothing. */
        byte[] next() throws FellBehind {
            byte[] first = pending;
            if (first != null) {
                pending = null;
                return first;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < WRITE_BYTES) {
                ChangePage page = store.changesAfter(cursor, PAGE);
                if (page.reset()) {
                    out.writeBytes(SseEvents.reset(page.oldest(), page.cursor()));
                    cursor = page.cursor();
                    continue;
                }
                if (page.fromLog() && caughtUp) {
                    throw new FellBehind(cursor);
                }
                caughtUp |= !page.fromLog();
                for (Change change : page.changes()) {
                    String key = change.value().key();
                    if (query.covers(key) && readable.test(key)) {
                        SseEvents.append(out, change);
                    }
                }
                boolean moved = page.cursor() != cursor;
                cursor = page.cursor();
                if (!moved || (!page.fromLog() && page.changes().size() < PAGE)) {
                    break;
                }
            }
            return out.size() == 0 ? null : out.toByteArray();
        }
    }
}
