package io.kvs.cluster.membership;

import io.kvs.cluster.ManualScheduler;
import io.kvs.cluster.SimulatedExecutorBase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One simulated node's view of the shared test scheduler: while paused (SIGSTOP) its tasks wait, then run. */
final class PausableScheduler extends SimulatedExecutorBase {

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
}
