package io.kvs.cluster.membership;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.kvs.cluster.membership.MemberStatus.ALIVE;
import static io.kvs.cluster.membership.MemberStatus.DEAD;
import static io.kvs.cluster.membership.MemberStatus.LEFT;
import static io.kvs.cluster.membership.MemberStatus.SUSPECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberTableTest {

    private static final long SUSPECT_TIMEOUT = 2_000;
    private static final long REMOVE_TIMEOUT = 30_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final MemberTable table = new MemberTable(member("self", 0, ALIVE), SUSPECT_TIMEOUT, REMOVE_TIMEOUT,
            now::get, new Random(1));

    @Test
    void aNodeStartsAsTheOnlyAliveMember() {
        assertEquals(1, table.aliveCount());
        assertEquals(List.of("self"), ids(table.inCluster()));
        assertThrows(IllegalArgumentException.class,
                () -> new MemberTable(member("x", 0, SUSPECT), 1, 2, now::get, new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> new MemberTable(member("x", 0, ALIVE), 2, 2, now::get, new Random()));
    }

    @Test
    void gossipAboutANewAliveMemberAddsIt() {
        List<MemberState> changed = table.merge(List.of(member("b", 0, ALIVE)));

        assertEquals(List.of(member("b", 0, ALIVE)), changed);
        assertEquals(2, table.aliveCount());
        assertEquals(now.get(), table.get("b").orElseThrow().lastSeen());
    }

    @Test
    void aHigherIncarnationOverridesAnyStatus() {
        table.merge(List.of(member("b", 1, DEAD)));

        table.merge(List.of(member("b", 2, ALIVE)));

        assertEquals(member("b", 2, ALIVE), table.get("b").orElseThrow().member());
    }

    @Test
    void aLowerIncarnationChangesNothing() {
        table.merge(List.of(member("b", 5, ALIVE)));

        assertEquals(List.of(), table.merge(List.of(member("b", 4, SUSPECT), member("b", 4, DEAD))));
        assertEquals(member("b", 5, ALIVE), table.get("b").orElseThrow().member());
    }

    @Test
    void suspicionBeatsAliveAtTheSameIncarnationAndOnlyAHigherOneClearsIt() {
        table.merge(List.of(member("b", 3, ALIVE)));

        table.merge(List.of(member("b", 3, SUSPECT)));
        assertEquals(List.of(), table.merge(List.of(member("b", 3, ALIVE))));
        assertEquals(SUSPECT, status("b"));

        table.merge(List.of(member("b", 4, ALIVE)));
        assertEquals(ALIVE, status("b"));
    }

    @Test
    void aFailedProbeMakesASilentAliveMemberSuspectAtItsIncarnation() {
        table.merge(List.of(member("b", 2, ALIVE)));
        now.addAndGet(SUSPECT_TIMEOUT);

        assertEquals(member("b", 2, SUSPECT), table.suspect("b").orElseThrow());
        assertTrue(table.suspect("b").isEmpty(), "already suspect");
        assertTrue(table.suspect("unknown").isEmpty());
        assertTrue(table.suspect("self").isEmpty());
        assertEquals(List.of("b", "self"), ids(table.inCluster()), "a suspect is still listed");
        assertEquals(1, table.aliveCount(), "but not counted alive");
    }

    @Test
    void aMemberHeardFromWithinTheSuspectTimeoutIsNotSuspected() {
        table.merge(List.of(member("b", 0, ALIVE)));
        now.addAndGet(SUSPECT_TIMEOUT + 500);
        table.heardFrom("b");
        now.addAndGet(SUSPECT_TIMEOUT - 1);

        assertTrue(table.suspect("b").isEmpty());
        assertEquals(ALIVE, status("b"));
    }

    @Test
    void aSuspectSilentUntilTheRemoveTimeoutIsDeclaredDead() {
        table.merge(List.of(member("b", 0, ALIVE)));
        now.addAndGet(SUSPECT_TIMEOUT);
        table.suspect("b");

        now.addAndGet(REMOVE_TIMEOUT - SUSPECT_TIMEOUT - 1);
        assertEquals(List.of(), table.expire());
        now.addAndGet(1);
        assertEquals(List.of(member("b", 0, DEAD)), table.expire());

        assertEquals(List.of("self"), ids(table.inCluster()));
    }

    @Test
    void theDeadAreRememberedForTheRemoveTimeoutThenForgotten() {
        table.merge(List.of(member("b", 0, DEAD)));

        assertEquals(List.of(), table.merge(List.of(member("b", 0, ALIVE))), "stale gossip cannot revive it");
        assertTrue(table.gossip().contains(member("b", 0, DEAD)), "its death is gossiped on");
        now.addAndGet(REMOVE_TIMEOUT);
        table.expire();

        assertTrue(table.get("b").isEmpty());
        table.merge(List.of(member("b", 0, ALIVE)));
        assertEquals(ALIVE, status("b"));
    }

    @Test
    void aRestartedMemberComesBackWithAHigherIncarnation() {
        table.merge(List.of(member("b", 7, DEAD)));

        table.merge(List.of(member("b", 8, ALIVE)));

        assertEquals(2, table.aliveCount());
    }

    @Test
    void aLeaveIsFinalForItsIncarnation() {
        table.merge(List.of(member("b", 3, SUSPECT)));

        table.merge(List.of(member("b", 3, LEFT)));
        table.merge(List.of(member("b", 3, ALIVE), member("b", 3, SUSPECT), member("b", 3, DEAD)));
        assertEquals(LEFT, status("b"));
        assertEquals(1, table.aliveCount());

        table.merge(List.of(member("b", 4, ALIVE)));
        assertEquals(ALIVE, status("b"));
    }

    @Test
    void aNodeRefutesSuspicionOrDeathAboutItselfWithAHigherIncarnation() {
        assertEquals(List.of(member("self", 1, ALIVE)), table.merge(List.of(member("self", 0, SUSPECT))));
        assertEquals(List.of(member("self", 2, ALIVE)), table.merge(List.of(member("self", 1, DEAD))));
        assertEquals(List.of(), table.merge(List.of(member("self", 1, SUSPECT))), "stale news needs no answer");
        assertEquals(member("self", 2, ALIVE), table.self());
    }

    @Test
    void aRestartedNodeOutbidsTheIncarnationOfItsPreviousLife() {
        table.merge(List.of(member("self", 9, ALIVE)));

        assertEquals(10, table.self().incarnation());
    }

    @Test
    void aLeavingNodeMarksItselfLeftForgetsItsPeersAndMergesNoMoreGossip() {
        table.merge(List.of(member("b", 0, ALIVE)));

        MemberState left = table.leave();

        assertEquals(member("self", 0, LEFT), left);
        assertEquals(List.of(), table.merge(List.of(member("self", 0, DEAD), member("c", 0, ALIVE))));
        assertEquals(LEFT, table.self().status());
        assertEquals(List.of(), ids(table.inCluster()), "a node that left is no member, even in its own list");
        assertEquals(0, table.aliveCount());
        assertEquals(List.of(left), table.gossip());
    }

    @Test
    void hearingFromAMemberUpdatesItsLastSeen() {
        table.merge(List.of(member("b", 0, ALIVE)));
        now.addAndGet(500);

        table.heardFrom("b");
        table.heardFrom("unknown");

        assertEquals(now.get(), table.get("b").orElseThrow().lastSeen());
        assertTrue(table.get("unknown").isEmpty());
    }

    @Test
    void theSelfEntryIsNeverExpired() {
        now.addAndGet(REMOVE_TIMEOUT * 10);

        table.expire();

        assertEquals(ALIVE, table.self().status());
        assertEquals(now.get(), table.inCluster().get(0).lastSeen());
    }

    @Test
    void randomPeersAreDistinctEligibleOthersAndEveryOneGetsPicked() {
        table.merge(List.of(member("a", 0, ALIVE), member("b", 0, ALIVE), member("c", 0, ALIVE),
                member("d", 0, SUSPECT), member("e", 0, DEAD)));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            List<MemberState> picked = table.randomPeers(2, m -> m.status() == ALIVE);
            assertEquals(2, new HashSet<>(picked).size());
            picked.forEach(m -> assertEquals(ALIVE, m.status()));
            picked.forEach(m -> seen.add(m.id()));
        }
        assertEquals(Set.of("a", "b", "c"), seen);
        assertEquals(3, table.randomPeers(10, m -> m.status() == ALIVE).size());
        assertFalse(table.randomPeers(10, m -> true).stream().anyMatch(m -> m.id().equals("self")));
    }

    private MemberStatus status(String id) {
        return table.get(id).orElseThrow().member().status();
    }

    private static List<String> ids(List<MemberEntry> entries) {
        return entries.stream().map(e -> e.member().id()).toList();
    }

    static MemberState member(String id, long incarnation, MemberStatus status) {
        return new MemberState(id, "127.0.0.1:" + (18600 + id.hashCode() % 50), incarnation, status, 42);
    }
}
