package io.kvs.cluster.sync;

import io.kvs.cluster.ManualScheduler;
import io.kvs.storage.StoredValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynchronizerTest {

    private static final long HOUR = 3_600_000;
    private static final SyncSettings SETTINGS = new SyncSettings(Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(1), Duration.ofHours(720), Duration.ofHours(168), Duration.ofHours(1));

    private final ManualScheduler clock = new ManualScheduler(1_000 * HOUR);
    private final Replica a = new Replica("a", 100);
    private final Replica b = new Replica("b", 200);
    private final List<String> alive = new ArrayList<>(List.of("a"));
    private final AtomicInteger bootstrapped = new AtomicInteger();
    private final Synchronizer onB = new Synchronizer(
            new AntiEntropy(b.tree, b::current, b::applyIfNewer, 64, clock::now), b.tree, () -> List.copyOf(alive),
            id -> a.asPeer(), SETTINGS, clock, clock::now, new Random(1), bootstrapped::incrementAndGet);

    @Test
    void aBootstrappingNodeFetchesRecentDataAtOnceThenLeavesSyncing() {
        a.write("recent", clock.now() - HOUR, "1");
        a.write("ancient", clock.now() - 1_000 * HOUR, "2");

        onB.start(true);
        assertTrue(onB.bootstrapping());
        clock.runReady();
        clock.advance(0);

        assertFalse(onB.bootstrapping());
        assertEquals(1, bootstrapped.get());
        assertTrue(b.data.containsKey("recent"));
        assertFalse(b.data.containsKey("ancient"), "older data comes after the node serves writes");
        clock.advance(SETTINGS.catchupInterval().toMillis());
        assertTrue(b.data.containsKey("ancient"));
        assertNull(onB.bootstrapProgress());
    }

    @Test
    void bootstrapWaitsForAPeerAndReportsProgress() {
        alive.clear();
        a.write("k", clock.now(), "1");

        onB.start(true);
        clock.advance(10_000);
        assertTrue(onB.bootstrapping());
        assertEquals(new BootstrapProgress(0, 0), onB.bootstrapProgress());

        alive.add("a");
        clock.advance(SETTINGS.bootstrapRetry().toMillis());
        assertFalse(onB.bootstrapping());
        assertEquals(1, b.data.size());
    }

    @Test
    void roundsComeAtTheSyncPaceWhenNothingDiffersAndFasterWhileBehind() {
        onB.start(false);
        clock.advance(SETTINGS.syncInterval().toMillis());
        int quiet = a.requests;
        clock.advance(10 * SETTINGS.syncInterval().toMillis());
        assertEquals(10, a.requests - quiet, "one root request per quiet round");

        for (int i = 0; i < 100; i++) {
            a.write("k" + i, clock.now(), "1");
        }
        while (b.data.size() < 100) {
            clock.advance(100);
        }
        assertEquals(100, onB.lastRounds().get("a").pulled());
        int afterRepair = a.requests;
        clock.advance(SETTINGS.catchupInterval().toMillis());
        assertEquals(afterRepair + 1, a.requests, "a repairing round is followed by one at the catch-up pace");
        assertTrue(onB.lastRounds().get("a").equal());
        clock.advance(SETTINGS.catchupInterval().toMillis());
        assertEquals(afterRepair + 1, a.requests, "then back to the sync pace");
    }

    @Test
    void aFailingPeerIsRetriedAtTheCatchupPace() {
        AtomicInteger attempts = new AtomicInteger();
        Synchronizer failing = new Synchronizer(
                new AntiEntropy(b.tree, b::current, b::applyIfNewer, 64, clock::now), b.tree, () -> alive,
                id -> unreachable(attempts), SETTINGS, clock,
                clock::now, new Random(1), () -> { });

        failing.start(false);
        clock.advance(SETTINGS.syncInterval().toMillis() + 4 * SETTINGS.catchupInterval().toMillis());

        assertTrue(attempts.get() >= 4, "attempts: " + attempts.get());
        assertEquals(0, failing.lastRounds().size());
    }

    @Test
    void theSweepForgetsTombstonesPastTheirLifetime() {
        b.delete("gone", clock.now() - 200 * HOUR);
        b.delete("recent", clock.now() - HOUR);

        onB.start(false);
        clock.advance(SETTINGS.sweepInterval().toMillis());

        assertEquals(1, b.tree.keyCount());
    }

    @Test
    void aStoppedSynchronizerSchedulesNothingMore() {
        onB.start(false);
        onB.stop();
        clock.advance(HOUR);

        assertEquals(0, clock.waitingTasks());
        assertEquals(0, a.requests);
    }

    @Test
    void aPeerThatLeftIsForgotten() {
        a.write("k", clock.now(), "1");
        onB.start(false);
        clock.advance(SETTINGS.syncInterval().toMillis());
        assertEquals(List.of("a"), List.copyOf(onB.lastRounds().keySet()));

        onB.forget("a");

        assertTrue(onB.lastRounds().isEmpty());
    }

    private static SyncPeer unreachable(AtomicInteger attempts) {
        return new SyncPeer() {
            @Override
            public NodeHash root() throws IOException {
                attempts.incrementAndGet();
                throw new IOException("connection refused");
            }

            @Override
            public List<NodeHash> children(List<String> parents) {
                throw new AssertionError();
            }

            @Override
            public List<KeyVersion> entries(List<String> leaves) {
                throw new AssertionError();
            }

            @Override
            public List<StoredValue> fetch(List<String> keys) {
                throw new AssertionError();
            }

            @Override
            public void push(List<StoredValue> versions) {
                throw new AssertionError();
            }
        };
    }
}
