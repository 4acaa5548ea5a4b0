package io.kvs.cluster.sync;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kvs.cluster.sync.Versions.tombstone;
import static io.kvs.cluster.sync.Versions.value;
import static io.kvs.cluster.sync.Versions.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SyncPlanTest {

    private static final long NO_CUTOFF = Long.MIN_VALUE;

    @Test
    void identicalVersionsNeedNothing() {
        List<KeyVersion> both = List.of(value("a", 1), tombstone("b", 2));

        assertSame(SyncPlan.NOTHING, SyncPlan.between(both, both, NO_CUTOFF));
    }

    @Test
    void higherTimestampWins() {
        SyncPlan plan = SyncPlan.between(List.of(value("a", 1)), List.of(value("a", 2)), NO_CUTOFF);

        assertEquals(new SyncPlan(List.of(value("a", 2)), List.of()), plan);
    }

    @Test
    void onEqualTimestampsTheEarliestJoinedWriterWins() {
        KeyVersion earlyNode = written("k", 5, 100, "ffffffff-0000-4000-8000-000000000000");
        KeyVersion lateNode = written("k", 5, 200, "00000000-0000-4000-8000-000000000000");

        assertEquals(List.of(earlyNode), SyncPlan.between(List.of(lateNode), List.of(earlyNode), NO_CUTOFF).pull());
        assertEquals(List.of(earlyNode), SyncPlan.between(List.of(earlyNode), List.of(lateNode), NO_CUTOFF).push());
    }

    @Test
    void onEqualTimestampAndJoinTimeTheSmallerUuidWins() {
        KeyVersion smaller = written("k", 5, 100, "0a000000-0000-4000-8000-000000000000");
        KeyVersion larger = written("k", 5, 100, "f0000000-0000-4000-8000-000000000000");

        assertEquals(List.of(smaller), SyncPlan.between(List.of(larger), List.of(smaller), NO_CUTOFF).pull());
    }

    @Test
    void aTombstoneThatWinsIsMovedLikeAWrite() {
        SyncPlan plan = SyncPlan.between(List.of(value("a", 1)), List.of(tombstone("a", 2)), NO_CUTOFF);

        assertEquals(List.of(tombstone("a", 2)), plan.pull());
    }

    @Test
    void aTombstoneOlderThanTheCutoffIsNotShippedToASideThatHasNothing() {
        List<KeyVersion> none = List.of();
        List<KeyVersion> old = List.of(tombstone("a", 10));

        assertSame(SyncPlan.NOTHING, SyncPlan.between(none, old, 20));
        assertSame(SyncPlan.NOTHING, SyncPlan.between(old, none, 20));
        assertEquals(old, SyncPlan.between(none, old, 5).pull());
    }

    @Test
    void anOldTombstoneStillDeletesTheOlderValueItReplaced() {
        SyncPlan plan = SyncPlan.between(List.of(value("a", 1)), List.of(tombstone("a", 10)), 20);

        assertEquals(List.of(tombstone("a", 10)), plan.pull());
    }
}
