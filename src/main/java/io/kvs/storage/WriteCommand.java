package io.kvs.storage;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** What request threads hand to the writer thread; the writer decides each against the current state. */
sealed interface WriteCommand {

    /** A new version of {@code key}; with a {@code companion}, that key's new version too, in the same batch, first. */
    record Put(String key, byte[] keyBytes, byte[] json, PayloadCodec.Encoded payload, long expiresAt,
               Precondition precondition, Companion companion, CompletableFuture<StoredValue> done)
            implements WriteCommand {
    }

    /** A second key written with a {@link Put} iff the put's precondition holds (a key's metadata, say). */
    record Companion(String key, byte[] keyBytes, byte[] json, PayloadCodec.Encoded payload, long expiresAt) {
    }

    record Delete(String key, byte[] keyBytes, Precondition precondition, CompletableFuture<StoredValue> done)
            implements WriteCommand {
    }

    /**
     * A version made elsewhere (replication) or a reaper's tombstone, written unchanged iff it wins over the
     * current one and, when {@code expected} is set, only while the current version is still that one.
     */
    record Apply(StoredValue value, byte[] keyBytes, PayloadCodec.Encoded payload, Version expected,
                 CompletableFuture<Boolean> done) implements WriteCommand {
    }

    /** Work that needs the writer to itself (sealing the active segment, compaction swaps, close). */
    record Exclusive(Task task, CompletableFuture<Object> done) implements WriteCommand {
    }

    /** Ends the writer: everything queued before it is done, then {@code last} runs (unless the log failed). */
    record Stop(Task last, CompletableFuture<Object> done) implements WriteCommand {
    }

    /** Runs on the writer thread with an empty batch; what it appends and changes is committed after it. */
    @FunctionalInterface
    interface Task {
        Object run(Batch batch) throws IOException;
    }

    CompletableFuture<?> done();
}
