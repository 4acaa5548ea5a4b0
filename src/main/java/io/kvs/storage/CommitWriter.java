package io.kvs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer thread: takes whatever commands are queued, decides each against the current state
 * ({@link Mutations}), writes the batch with one write and one force, and only then publishes it (index, key set,
 * expiry queue, listeners) on this thread and hands its answers to the {@link Acknowledger}. A read therefore never
 * sees a version that is not yet durable, and a caller is answered only once its write is durable and readable.
 */
final class CommitWriter implements Runnable {

    private static final Logger LOG = Logger.getLogger(CommitWriter.class.getName());
    private static final int MAX_COMMANDS = 4096;
    private static final long MAX_BATCH_BYTES = 8 << 20;

    private final LinkedBlockingQueue<WriteCommand> queue = new LinkedBlockingQueue<>();
    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Batch batch;
    private final Mutations mutations;
    private final StoreState state;
    private final Acknowledger acknowledger;
    private final ChangeFeed feed;
    private volatile boolean accepting = true;
    private volatile Throwable failure;
    private boolean running = true;

    CommitWriter(Batch batch, Mutations mutations, StoreState state, Acknowledger acknowledger, ChangeFeed feed) {
        this.batch = batch;
        this.mutations = mutations;
        this.state = state;
        this.acknowledger = acknowledger;
        this.feed = feed;
    }

    void addListener(StoreListener listener) {
        listeners.add(listener);
    }

    /** Queues {@code command}; its future fails at once when the store is closed or failed. */
    <T extends WriteCommand> T submit(T command) {
        if (!accepting) {
            command.done().completeExceptionally(unavailable());
        } else {
            queue.add(command);
        }
        return command;
    }

    /** Runs {@code task} on the writer thread with the writer to itself. */
    CompletableFuture<Object> exclusive(WriteCommand.Task task) {
        return submit(new WriteCommand.Exclusive(task, new CompletableFuture<>())).done();
    }

    /**
     * Stops taking commands, runs {@code last} after everything queued before, and waits for the thread to end and
     * every caller to be answered. The stop command bypasses {@link #submit}: it must reach the thread even when
     * writes are refused.
     */
    void stop(WriteCommand.Task last) {
        accepting = false;
        CompletableFuture<Object> done = new CompletableFuture<>();
        queue.add(new WriteCommand.Stop(last, done));
        stopped.join();
        acknowledger.awaitFinished();
        done.completeExceptionally(unavailable());
    }

    Batch batch() {
        return batch;
    }

    /** Why writes fail, when the log could not be written; null while healthy. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        List<WriteCommand> drained = new ArrayList<>();
        try {
            while (running) {
                drained.clear();
                try {
                    drained.add(queue.take());
                } catch (InterruptedException e) {
                    // only close() stops the writer; a stray interrupt must not close the log's channels
                    continue;
                }
                queue.drainTo(drained, MAX_COMMANDS - 1);
                process(drained);
            }
        } catch (RuntimeException | Error e) {
            // no clean-shutdown marker after this: the next open rebuilds the index from the log
            failure = e;
            LOG.log(Level.SEVERE, "the store's writer thread died", e);
            throw e;
        } finally {
            accepting = false;
            for (WriteCommand left; (left = queue.poll()) != null; ) {
                left.done().completeExceptionally(unavailable());
            }
            acknowledger.finish();
            stopped.complete(null);
        }
    }

    private void process(List<WriteCommand> commands) {
        int i = 0;
        while (i < commands.size()) {
            WriteCommand command = commands.get(i);
            if (command instanceof WriteCommand.Stop stop) {
                running = false;
                commit(() -> runTask(stop.last(), stop.done()));
                commands.subList(i + 1, commands.size()).forEach(c -> c.done().completeExceptionally(unavailable()));
                return;
            }
            if (failure != null) {
                command.done().completeExceptionally(unavailable());
                i++;
            } else if (command instanceof WriteCommand.Exclusive exclusive) {
                commit(() -> runTask(exclusive.task(), exclusive.done()));
                i++;
            } else {
                int from = i;
                long bytes = 0;
                while (i < commands.size() && !isTask(commands.get(i)) && bytes < MAX_BATCH_BYTES) {
                    bytes += Mutations.estimatedBytes(commands.get(i));
                    i++;
                }
                List<WriteCommand> group = commands.subList(from, i);
                commit(() -> group.forEach(mutations::decide));
                if (failure != null) {
                    // those not decided when the batch failed have no outcome of their own
                    group.forEach(c -> c.done().completeExceptionally(unavailable()));
                }
            }
        }
    }

    private static boolean isTask(WriteCommand command) {
        return command instanceof WriteCommand.Exclusive || command instanceof WriteCommand.Stop;
    }

    /** A task that fails answers its own caller; its half-built batch is dropped, the store goes on. */
    private void runTask(WriteCommand.Task task, CompletableFuture<Object> done) {
        Object result;
        try {
            result = failure == null ? task.run(batch) : null;
        } catch (IOException | RuntimeException e) {
            batch.clear();
            batch.answer(done, null, e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e);
            return;
        }
        batch.answer(done, result, null);
    }

    private interface Assembly {
        void run() throws IOException;
    }

    private void commit(Assembly assembly) {
        try {
            assembly.run();
            batch.commit();
            publish();
        } catch (IOException | RuntimeException e) {
            failure = e;
            accepting = false;
            LOG.log(Level.SEVERE, "writing the log failed; the store takes no more writes until restarted", e);
            failAll(e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e);
        } finally {
            batch.clear();
        }
    }

    private void publish() {
        for (Batch.Change change : batch.changes) {
            state.publish(change);
        }
        boolean changed = false;
        for (Batch.Change change : batch.changes) {
            if (change.applied() != null) {
                notifyListeners(state.withoutData(change.key(), change.previous()), change.applied().value());
                feed.append(change.current().location(), change.applied());
                changed = true;
            }
        }
        acknowledger.answer(new ArrayList<>(batch.outcomes));
        if (changed) {
            feed.wakeUp();
        }
    }

    private void notifyListeners(StoredValue previous, StoredValue current) {
        for (StoreListener listener : listeners) {
            try {
                listener.applied(previous, current);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "store listener failed", e);
            }
        }
    }

    /** Through the acknowledger too, so that these answers do not overtake those of earlier batches. */
    private void failAll(RuntimeException error) {
        List<Batch.Outcome> failed = new ArrayList<>(batch.outcomes.size());
        for (Batch.Outcome outcome : batch.outcomes) {
            failed.add(new Batch.Outcome(outcome.done(), null, error));
        }
        acknowledger.answer(failed);
    }

    private IllegalStateException unavailable() {
        Throwable cause = failure;
        return cause == null ? new IllegalStateException("store is closed")
                : new IllegalStateException("store failed writing its log: " + cause, cause);
    }
}
