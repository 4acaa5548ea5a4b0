package io.kvs.bench.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting, polling and signalling: the timing primitives every measurement shares. */
final class Clock {

    private Clock() {
    }

    static double millisSince(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e6;
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    /**
     * Evaluates {@code condition} every {@code period} until it holds; returns the {@link System#nanoTime()} of the
     * evaluation that saw it hold.
     */
    static long await(String what, BooleanSupplier condition, Duration period, Duration timeout)
            throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            pause(period);
        }
    }

    /**
     * Sends a signal with kill(1); a negative {@code pid} signals the whole process group. Returns the
     * {@link System#nanoTime()} just before the signal went out.
     */
    static long signal(String signal, long pid) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
        return sent;
    }

    static void log(String message) {
        System.err.println("  " + message);
    }
}
