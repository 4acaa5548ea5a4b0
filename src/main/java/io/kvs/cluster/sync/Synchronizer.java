package io.kvs.cluster.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the anti-entropy schedule: a round with one random peer every {@code syncInterval}, every
 * {@code catchupInterval} while rounds keep finding differences, and the periodic sweep of old tombstones out of
 * the tree. A bootstrapping node first completes one round, limited to versions newer than
 * {@code bootstrapMaxAge}, with any peer, then calls {@code onBootstrapped} (the node leaves mode syncing).
 * Remembers the last round with each peer for {@code GET /sync/status}.
 */
public final class Synchronizer {

    private static final Logger LOG = Logger.getLogger(Synchronizer.class.getName());

    private final AntiEntropy antiEntropy;
    private final MerkleTree tree;
    private final Supplier<List<String>> alivePeers;
    private final Function<String, SyncPeer> connect;
    private final SyncSettings settings;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final Random random;
    private final Runnable onBootstrapped;
    private final Map<String, SyncRound> lastRounds = new ConcurrentHashMap<>();
    private final Map<String, Long> repairedByPeer = new ConcurrentHashMap<>();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong keysRepaired = new AtomicLong();
    private volatile boolean bootstrapping;
    private volatile long bootstrapExpectedKeys;
    private volatile boolean running;

    public Synchronizer(AntiEntropy antiEntropy, MerkleTree tree, Supplier<List<String>> alivePeers,
                        Function<String, SyncPeer> connect, SyncSettings settings,
                        ScheduledExecutorService scheduler, LongSupplier clock, Random random,
                        Runnable onBootstrapped) {
        this.antiEntropy = antiEntropy;
        this.tree = tree;
        this.alivePeers = alivePeers;
        this.connect = connect;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        this.random = random;
        this.onBootstrapped = onBootstrapped;
    }

    /** Starts the rounds: at once when {@code bootstrap}, else after a random part of the sync interval. */
    public void start(boolean bootstrap) {
        running = true;
        bootstrapping = bootstrap;
        long first = bootstrap ? 0 : random.nextLong(settings.syncInterval().toMillis());
        later(this::roundLoop, Duration.ofMillis(first));
        later(this::sweepLoop, settings.sweepInterval());
    }

    public void stop() {
        running = false;
    }

    public boolean bootstrapping() {
        return bootstrapping;
    }

    /** While bootstrapping: keys held here, and keys the peer held when the current attempt began (0 if none yet). */
    public BootstrapProgress bootstrapProgress() {
        return bootstrapping ? new BootstrapProgress(tree.keyCount(), bootstrapExpectedKeys) : null;
    }

    /**
     * Ends bootstrapping without a round: no peer could be reached, so this node is the first of its cluster and
     * the cluster's data, if any, reaches it through later rounds.
     */
    public void endBootstrap() {
        if (bootstrapping) {
            bootstrapping = false;
            onBootstrapped.run();
        }
    }

    /** The last comparison with each peer this node has synced with or compared roots with. */
    public Map<String, SyncRound> lastRounds() {
        return Map.copyOf(lastRounds);
    }

    /** Records a comparison of roots made outside a round (no keys moved). */
    public void compared(String peerId, String localRoot, String peerRoot, boolean equal) {
        lastRounds.put(peerId, new SyncRound(peerId, localRoot, peerRoot, equal, 0, 0, clock.getAsLong()));
    }

    /** Keys repaired with {@code peerId} (pulled from it or pushed to it) since this node started. */
    public long keysRepairedWith(String peerId) {
        return repairedByPeer.getOrDefault(peerId, 0L);
    }

    /** Rounds completed since this node started. */
    public long rounds() {
        return rounds.get();
    }

    /** Keys repaired by all rounds since this node started. */
    public long keysRepaired() {
        return keysRepaired.get();
    }

    /** Forgets a peer that left the cluster. */
    public void forget(String peerId) {
        lastRounds.remove(peerId);
        repairedByPeer.remove(peerId);
    }

    /** One round with a random alive peer, if any; returns how long to wait before the next. */
    Duration runRound() throws InterruptedException {
        List<String> peers = alivePeers.get();
        if (peers.isEmpty()) {
            return bootstrapping ? settings.bootstrapRetry() : settings.syncInterval();
        }
        String peerId = peers.get(random.nextInt(peers.size()));
        long now = clock.getAsLong();
        long since = bootstrapping ? now - settings.bootstrapMaxAge().toMillis() : Long.MIN_VALUE;
        try {
            SyncPeer peer = connect.apply(peerId);
            if (bootstrapping) {
                bootstrapExpectedKeys = peer.root().keyCount();
            }
            SyncRound round = antiEntropy.syncWith(peerId, peer, since, now - settings.tombstoneGc().toMillis());
            lastRounds.put(peerId, round);
            rounds.incrementAndGet();
            if (round.keysRepaired() > 0) {
                keysRepaired.addAndGet(round.keysRepaired());
                repairedByPeer.merge(peerId, (long) round.keysRepaired(), Long::sum);
            }
            if (round.keysRepaired() > 0) {
                LOG.info(() -> "anti-entropy with " + peerId + ": pulled " + round.pulled() + ", pushed "
                        + round.pushed());
            }
            if (bootstrapping) {
                LOG.info(() -> "bootstrap from " + peerId + " complete: " + tree.keyCount() + " keys");
                endBootstrap();
            }
            return round.equal() && round.keysRepaired() == 0 ? settings.syncInterval() : settings.catchupInterval();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "anti-entropy with " + peerId + " failed: " + e.getMessage());
            return bootstrapping ? settings.bootstrapRetry() : settings.catchupInterval();
        }
    }

    private void roundLoop() {
        if (!running) {
            return;
        }
        Duration next = settings.catchupInterval();
        try {
            next = runRound();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            later(this::roundLoop, next);
        }
    }

    private void sweepLoop() {
        if (!running) {
            return;
        }
        try {
            int swept = tree.removeTombstonesBefore(clock.getAsLong() - settings.tombstoneGc().toMillis());
            if (swept > 0) {
                LOG.fine(() -> "forgot " + swept + " tombstones older than " + settings.tombstoneGc());
            }
        } finally {
            later(this::sweepLoop, settings.sweepInterval());
        }
    }

    private void later(Runnable task, Duration delay) {
        if (!running) {
            return;
        }
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            running = false;
        }
    }
}
