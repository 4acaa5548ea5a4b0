package io.kvs.cluster.replication;

import io.kvs.storage.StoredValue;
import io.kvs.storage.VersionOrder;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The versions waiting to be pushed to one peer, and the single sender that drains them.
 *
 * <p>Batching needs no timer: while a request is in flight, new versions accumulate and leave together in the next
 * one, so a quiet node sends each write at once and a busy node sends few large requests. Waiting versions are keyed
 * by key, so a key written again before it left is sent once, in its winning version. A failed batch goes back to
 * the head of the queue and is retried after a doubling backoff. {@link #offer} never blocks: it runs on the
 * store's writer thread.
 */
final class PeerQueue {

    private final String peerId;
    private final PushTransport transport;
    private final ScheduledExecutorService scheduler;
    private final PushSettings settings;

    private LinkedHashMap<String, StoredValue> pending = new LinkedHashMap<>();
    private long pendingBytes;
    /** A request is in flight or a retry is scheduled: only that sender may start the next request. */
    private boolean sending;
    private boolean closed;
    private int consecutiveFailures;
    private long sent;
    private long dropped;
    private long failedSends;

    PeerQueue(String peerId, PushTransport transport, ScheduledExecutorService scheduler, PushSettings settings) {
        this.peerId = peerId;
        this.transport = transport;
        this.scheduler = scheduler;
        this.settings = settings;
    }

    synchronized void offer(StoredValue version) {
        if (closed) {
            return;
        }
        StoredValue waiting = pending.get(version.key());
        if (waiting != null) {
            if (!VersionOrder.wins(version.version(), waiting.version())) {
                return;
            }
            pendingBytes -= bytes(waiting);
        }
        pending.put(version.key(), version);
        pendingBytes += bytes(version);
        dropBeyondBounds();
        if (!sending) {
            sending = true;
            dispatch();
        }
    }

    /** Stops sending and drops what waits (the peer left the cluster); anti-entropy repairs it if it returns. */
    synchronized void close() {
        closed = true;
        dropped += pending.size();
        pending.clear();
        pendingBytes = 0;
    }

    synchronized PeerQueueStats stats() {
        return new PeerQueueStats(peerId, pending.size(), sent, dropped, failedSends);
    }

    private void sendNext() {
        List<StoredValue> batch;
        synchronized (this) {
            if (closed || pending.isEmpty()) {
                sending = false;
                return;
            }
            batch = takeBatch();
        }
        CompletableFuture<Void> delivery;
        try {
            delivery = transport.push(peerId, batch);
        } catch (RuntimeException e) {
            delivery = CompletableFuture.failedFuture(e);
        }
        delivery.whenComplete((ignored, failure) -> completed(batch, failure));
    }

    private synchronized void completed(List<StoredValue> batch, Throwable failure) {
        if (closed) {
            sending = false;
            return;
        }
        if (failure == null) {
            sent += batch.size();
            consecutiveFailures = 0;
            dispatch();
            return;
        }
        failedSends++;
        consecutiveFailures++;
        requeue(batch);
        try {
            scheduler.schedule(this::sendNext, backoffMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            sending = false;
        }
    }

    private void dispatch() {
        try {
            scheduler.execute(this::sendNext);
        } catch (RejectedExecutionException shuttingDown) {
            sending = false;
        }
    }

    private List<StoredValue> takeBatch() {
        List<StoredValue> batch = new ArrayList<>();
        long batchBytes = 0;
        for (Iterator<StoredValue> it = pending.values().iterator(); it.hasNext(); ) {
            StoredValue next = it.next();
            boolean full = batch.size() == settings.maxBatchCount()
                    || (!batch.isEmpty() && batchBytes + bytes(next) > settings.maxBatchBytes());
            if (full) {
                break;
            }
            it.remove();
            batch.add(next);
            batchBytes += bytes(next);
            pendingBytes -= bytes(next);
        }
        return batch;
    }

    /** Puts a failed batch back in front, except keys written again meanwhile: their newer version is waiting. */
    private void requeue(List<StoredValue> batch) {
        LinkedHashMap<String, StoredValue> reordered = new LinkedHashMap<>();
        for (StoredValue version : batch) {
            if (!pending.containsKey(version.key())) {
                reordered.put(version.key(), version);
                pendingBytes += bytes(version);
            }
        }
        reordered.putAll(pending);
        pending = reordered;
        dropBeyondBounds();
    }

    private void dropBeyondBounds() {
        Iterator<StoredValue> oldestFirst = pending.values().iterator();
        while (oldestFirst.hasNext()
                && (pending.size() > settings.maxPending() || pendingBytes > settings.maxPendingBytes())) {
            pendingBytes -= bytes(oldestFirst.next());
            oldestFirst.remove();
            dropped++;
        }
    }

    private long backoffMillis() {
        long initial = settings.initialBackoff().toMillis();
        long doubled = initial << Math.min(consecutiveFailures - 1, 20);
        return Math.min(settings.maxBackoff().toMillis(), doubled);
    }

    private static long bytes(StoredValue version) {
        return version.key().length() + (version.data() == null ? 0 : version.data().length);
    }
}
