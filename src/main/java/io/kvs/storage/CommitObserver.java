package io.kvs.storage;

/**
 * Told of every group commit that wrote records, on the writer thread right after it is durable (for metrics).
 * Keep it short and never block: the writer waits for it.
 */
@FunctionalInterface
public interface CommitObserver {

    /** @param forceNanos how long forcing the batch to disk took, -1 when it was not forced ({@code async}) */
    void committed(int records, long forceNanos);
}
