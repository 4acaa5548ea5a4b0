package io.kvs.cluster.replication;

import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Versions from peers (push replication, anti-entropy pulls) on their way into the store: each is applied only if it
 * wins there (SPEC §4). Counts what happened for the metrics: applied, and conflicts resolved, i.e. versions that lost
 * to a different version held here (a concurrent write elsewhere, or a stale copy). A version identical to the one
 * held here is neither: push and anti-entropy may both deliver it.
 */
public final class IncomingVersions {

    private final Store store;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong conflictsResolved = new AtomicLong();

    public IncomingVersions(Store store) {
        this.store = store;
    }

    /** Applies one version if it wins; completes with whether it did. */
    public CompletableFuture<Boolean> apply(StoredValue version) {
        return store.applyIfNewer(version).thenApply(won -> {
            if (won) {
                applied.incrementAndGet();
            } else if (!heldHere(version)) {
                conflictsResolved.incrementAndGet();
            }
            return won;
        });
    }

    /** Applies each version; completes with how many won. */
    public CompletableFuture<Integer> applyAll(List<StoredValue> versions) {
        List<CompletableFuture<Boolean>> outcomes = versions.stream().map(this::apply).toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> (int) outcomes.stream().filter(CompletableFuture::join).count());
    }

    public long applied() {
        return applied.get();
    }

    public long conflictsResolved() {
        return conflictsResolved.get();
    }

    private boolean heldHere(StoredValue version) {
        return store.currentVersion(version.key())
                .map(current -> current.version().equals(version.version()))
                .orElse(false);
    }
}
