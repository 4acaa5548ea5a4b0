package io.kvs.storage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers the callers of committed batches on a thread of its own, batch after batch in commit order. Whatever a
 * caller chained on its future (a suspended HTTP request writing its response) runs here, so the writer thread is
 * already forcing the next batch meanwhile instead of waiting for the answers to the last one.
 *
 * <p>The writer hands a batch over only after publishing it and telling the listeners: an answered write is
 * durable and readable.
 */
final class Acknowledger implements Runnable {

    private static final Logger LOG = Logger.getLogger(Acknowledger.class.getName());
    /** Queued by {@link #finish}; never a real batch, which always has an outcome. */
    private static final List<Batch.Outcome> END = List.of();

    private final LinkedBlockingQueue<List<Batch.Outcome>> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    /** Queues the answers of one batch; {@code outcomes} must not change afterwards. */
    void answer(List<Batch.Outcome> outcomes) {
        if (!outcomes.isEmpty()) {
            queue.add(outcomes);
        }
    }

    /** Answers everything queued so far, then ends the thread. */
    void finish() {
        queue.add(END);
    }

    /** Waits until {@link #finish} took effect: every batch handed over is answered. */
    void awaitFinished() {
        finished.join();
    }

    @Override
    public void run() {
        try {
            while (true) {
                List<Batch.Outcome> outcomes;
                try {
                    outcomes = queue.take();
                } catch (InterruptedException e) {
                    // only finish() ends this thread: callers waiting on a queued batch must get their answer
                    continue;
                }
                if (outcomes == END) {
                    return;
                }
                outcomes.forEach(Acknowledger::complete);
            }
        } finally {
            finished.complete(null);
        }
    }

    private static void complete(Batch.Outcome outcome) {
        try {
            if (outcome.error() == null) {
                outcome.done().complete(outcome.value());
            } else {
                outcome.done().completeExceptionally(outcome.error());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "answering a write's caller failed", e);
        }
    }
}
