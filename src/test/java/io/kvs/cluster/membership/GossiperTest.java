package io.kvs.cluster.membership;

import io.kvs.cluster.membership.SimulatedCluster.Node;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.kvs.cluster.membership.MemberStatus.ALIVE;
import static io.kvs.cluster.membership.MemberStatus.SUSPECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GossiperTest {

    private static final Set<String> ALL = Set.of("n1", "n2", "n3");

    private final SimulatedCluster cluster = new SimulatedCluster();
    private final Node n1 = cluster.add("n1");
    private final Node n2 = cluster.add("n2");
    private final Node n3 = cluster.add("n3");

    @Test
    void nodesStartedWithSeedsFormOneClusterWithinSeconds() {
        n1.start(List.of());
        n2.start(List.of(n1.address));
        n3.start(List.of(n1.address, n2.address));

        Duration formation = cluster.runUntil(() -> everyoneSeesAlive(ALL, n1, n2, n3), Duration.ofSeconds(10));

        assertTrue(formation.compareTo(Duration.ofSeconds(3)) < 0, "formed in " + formation);
        assertTrue(n3.gossiper.joined().isDone());
        assertEquals(3, n1.table.aliveCount());
    }

    @Test
    void aKilledNodeIsNoLongerAliveAnywhereWithinFiveSecondsThenDropsOut() {
        formCluster();

        n3.kill();
        Duration detection = cluster.runUntil(() -> !n1.sees(ALIVE).contains("n3") && !n2.sees(ALIVE).contains("n3"),
                Duration.ofSeconds(10));

        assertTrue(detection.compareTo(Duration.ofSeconds(5)) < 0, "detected in " + detection);
        assertEquals(2, n1.table.aliveCount());
        cluster.run(Duration.ofMillis(SimulatedCluster.REMOVE_TIMEOUT));
        assertEquals(Set.of("n1", "n2"), n1.sees(ALIVE));
        assertFalse(n2.sees(SUSPECT).contains("n3"));
    }

    @Test
    void aFrozenNodeIsSuspectedAndRefutesAsSoonAsItWakes() {
        formCluster();

        n3.freeze();
        cluster.runUntil(() -> n1.sees(SUSPECT).contains("n3") && n2.sees(SUSPECT).contains("n3"),
                Duration.ofSeconds(6));
        n3.thaw();
        Duration recovery = cluster.runUntil(() -> everyoneSeesAlive(ALL, n1, n2, n3), Duration.ofSeconds(10));

        assertTrue(recovery.compareTo(Duration.ofSeconds(3)) < 0, "refuted in " + recovery);
        assertTrue(n1.viewOf("n3").incarnation() >= 1);
    }

    @Test
    void aNodeThatIsSlowButAnswersIsNeverSuspected() {
        formCluster();
        n3.answerDelay = 800;

        cluster.run(Duration.ofSeconds(60));

        assertTrue(everyoneSeesAlive(ALL, n1, n2, n3));
        assertEquals(0, n3.table.self().incarnation(), "never had to refute anything");
    }

    @Test
    void aBrokenLinkIsBridgedByIndirectProbes() {
        formCluster();
        cluster.breakLink(n1, n3);

        cluster.run(Duration.ofSeconds(60));

        assertTrue(everyoneSeesAlive(ALL, n1, n2, n3));
        assertEquals(0, n1.table.self().incarnation(), "n1 was never suspected");
        assertEquals(0, n3.table.self().incarnation(), "n3 was never suspected");
    }

    @Test
    void aLeavingNodeIsDroppedEverywhereAtOnce() {
        formCluster();
        int changesBefore = n1.changes;

        n3.gossiper.leave();
        cluster.run(Duration.ofMillis(100));

        assertEquals(Set.of("n1", "n2"), n1.sees(ALIVE));
        assertEquals(Set.of("n1", "n2"), n2.sees(ALIVE));
        assertEquals(2, n2.table.aliveCount());
        assertTrue(n1.changes > changesBefore);
        cluster.run(Duration.ofSeconds(10));
        assertEquals(Set.of("n1", "n2"), n1.sees(ALIVE), "nobody brings it back");
        assertEquals(List.of(), n3.table.inCluster(), "n3 is no member, even in its own list");
    }

    @Test
    void aRestartedNodeRejoinsAboveTheIncarnationItDiedWith() {
        formCluster();
        n3.kill();
        cluster.run(Duration.ofMillis(SimulatedCluster.REMOVE_TIMEOUT + 5_000));
        assertFalse(n1.sees(ALIVE).contains("n3"));

        n3.start(List.of(n1.address));
        Duration rejoin = cluster.runUntil(() -> everyoneSeesAlive(ALL, n1, n2, n3), Duration.ofSeconds(10));

        assertTrue(rejoin.compareTo(Duration.ofSeconds(3)) < 0, "rejoined in " + rejoin);
    }

    @Test
    void aSeedThatIsDownIsRetriedUntilItAnswers() {
        n2.start(List.of(n1.address));
        cluster.run(Duration.ofSeconds(5));
        assertFalse(n2.gossiper.joined().isDone());

        n1.start(List.of());
        cluster.runUntil(() -> everyoneSeesAlive(Set.of("n1", "n2"), n1, n2), Duration.ofSeconds(3));
    }

    @Test
    void twoSidesOfAHealedPartitionBecomeOneClusterAgain() {
        formCluster();
        cluster.partition(List.of(n1), List.of(n2, n3));
        cluster.run(Duration.ofMillis(2 * SimulatedCluster.REMOVE_TIMEOUT + 5_000));
        assertEquals(Set.of("n1"), n1.sees(ALIVE));
        assertEquals(Set.of("n2", "n3"), n2.sees(ALIVE));

        cluster.heal();

        cluster.runUntil(() -> everyoneSeesAlive(ALL, n1, n2, n3), Duration.ofSeconds(30));
    }

    @Test
    void aNodeListedAmongItsOwnSeedsStartsAlone() {
        n1.start(List.of(n1.address));
        cluster.run(Duration.ofSeconds(1));

        assertTrue(n1.gossiper.joined().isDone());
        assertEquals(1, n1.table.aliveCount());
    }

    private void formCluster() {
        n1.start(List.of());
        n2.start(List.of(n1.address));
        n3.start(List.of(n1.address));
        cluster.runUntil(() -> everyoneSeesAlive(ALL, n1, n2, n3), Duration.ofSeconds(10));
    }

    private static boolean everyoneSeesAlive(Set<String> ids, Node... nodes) {
        for (Node node : nodes) {
            if (!node.sees(ALIVE).equals(ids)) {
                return false;
            }
        }
        return true;
    }
}
