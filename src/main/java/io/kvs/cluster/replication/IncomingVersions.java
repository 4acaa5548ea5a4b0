package io.kvs.cluster.replication;

import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Versions from peers (push replication, anti-entropy pulls) on their way into the store: each is applied only if it
 * wins there (SPEC §4). Counts what happened for the metrics: applied, and conflicts resolved, i.e. versions that lost
 * to a different version held here (a concurrent write elsewhere, or a stale copy). A version identical to the one
 * held here is neither: push and anti-entropy may both deliver it.
 *
 * <p>A version stamped more than {@code max_clock_skew} ahead of this node's clock is refused before it reaches the
 * store: the store's clock adopts the largest timestamp it sees, so one version stamped near {@code Long.MAX_VALUE}
 * (a forged answer, a peer with a broken clock) would pin every later write's timestamp there, where overwrites tie
 * and acknowledged writes lose.
 */
public final class IncomingVersions {

    private static final Logger LOG = Logger.getLogger(IncomingVersions.class.getName());

    private final Store store;
    private final LongSupplier clock;
    private final long maxSkewMillis;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong conflictsResolved = new AtomicLong();
    private final AtomicLong refusedAhead = new AtomicLong();

    /**
     * @param clock         this node's wall clock, Unix ms
     * @param maxSkewMillis how far ahead of it a version may be stamped ({@code max_clock_skew})
     */
    public IncomingVersions(Store store, LongSupplier clock, long maxSkewMillis) {
        this.store = store;
        this.clock = clock;
        this.maxSkewMillis = maxSkewMillis;
    }

    /** Applies one version if it wins; completes with whether it did (false for a version refused as too far ahead). */
    public CompletableFuture<Boolean> apply(StoredValue version) {
        long limit = saturatedAdd(clock.getAsLong(), maxSkewMillis);
        if (version.version() != null && version.version().timestamp() > limit) {
            if (refusedAhead.getAndIncrement() % 1000 == 0) { // the first, then one in a thousand: a flood stays quiet
                LOG.warning(() -> "refused a version of " + version.key() + " stamped " + version.version().timestamp()
                        + " by " + version.version().writerNode() + ": more than max_clock_skew (" + maxSkewMillis
                        + " ms) ahead of this node's clock; " + refusedAhead.get() + " refused so far");
            }
            return CompletableFuture.completedFuture(false);
        }
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

    /** Versions refused because they were stamped more than max_clock_skew ahead. */
    public long refusedAhead() {
        return refusedAhead.get();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private boolean heldHere(StoredValue version) {
        return store.currentVersion(version.key())
                .map(current -> current.version().equals(version.version()))
                .orElse(false);
    }
}
