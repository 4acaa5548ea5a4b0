package io.kvs.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler that runs tasks only when the test says so, on a clock the test moves (also usable as the clock). */
public final class ManualScheduler extends SimulatedExecutorBase {

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Task> delayed = new ArrayList<>();
    private long now;

    public ManualScheduler(long startMillis) {
        this.now = startMillis;
    }

    public long now() {
        return now;
    }

    /** Runs every task that is due, including the ones they submit. */
    public void runReady() {
        while (!ready.isEmpty()) {
            ready.poll().run();
        }
    }

    /** Moves the clock forward, running each delayed task at its time, in time order. */
    public void advance(long millis) {
        long target = now + millis;
        runReady();
        while (true) {
            Task next = delayed.stream().filter(t -> t.at <= target).min(Comparator.comparingLong(t -> t.at))
                    .orElse(null);
            if (next == null) {
                break;
            }
            delayed.remove(next);
            now = Math.max(now, next.at);
            next.command.run();
            runReady();
        }
        now = target;
    }

    public int waitingTasks() {
        return ready.size() + delayed.size();
    }

    @Override
    public void execute(Runnable command) {
        ready.add(command);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(now + unit.toMillis(delay), command);
        delayed.add(task);
        return task;
    }

    private final class Task implements ScheduledFuture<Object> {
        final long at;
        final Runnable command;

        Task(long at, Runnable command) {
            this.at = at;
            this.command = command;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return delayed.remove(this);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return !delayed.contains(this);
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
