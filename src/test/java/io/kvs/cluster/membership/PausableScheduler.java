package io.kvs.cluster.membership;

import io.kvs.cluster.ManualScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One simulated node's view of the shared test scheduler: while paused (SIGSTOP) its tasks wait, then run. */
final class PausableScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ManualScheduler shared;
    private final List<Runnable> parked = new ArrayList<>();
    private boolean paused;

    PausableScheduler(ManualScheduler shared) {
        this.shared = shared;
    }

    void pause() {
        paused = true;
    }

    boolean isPaused() {
        return paused;
    }

    void resume() {
        paused = false;
        parked.forEach(shared::execute);
        parked.clear();
    }

    private Runnable unlessPaused(Runnable task) {
        return () -> {
            if (paused) {
                parked.add(task);
            } else {
                task.run();
            }
        };
    }

    @Override
    public void execute(Runnable command) {
        shared.execute(unlessPaused(command));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return shared.schedule(unlessPaused(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
