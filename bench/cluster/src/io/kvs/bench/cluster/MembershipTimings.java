package io.kvs.bench.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

/** Formation and failure detection, read from {@code GET /health} and {@code GET /members/} of every node. */
final class MembershipTimings {

    private static final Duration POLL_PERIOD = Duration.ofMillis(10);

    private final NodeApi api;
    private final List<String> nodes;

    MembershipTimings(NodeApi api, List<String> nodes) {
        this.api = api;
        this.nodes = nodes;
    }

    /**
     * Started while the nodes boot: notes when each node's /health first answers 200, then when every node's
     * /members/ first shows all of them alive, then when every node is in mode normal. Formation is measured from
     * the LAST node's first healthy answer.
     */
    void formation(Duration timeout) throws TimeoutException {
        long[] healthyAt = new long[nodes.size()];
        long formedAt = Clock.await("formation", () -> {
            for (int i = 0; i < nodes.size(); i++) {
                if (healthyAt[i] == 0 && api.health(nodes.get(i)).isPresent()) {
                    healthyAt[i] = System.nanoTime();
                }
            }
            return LongStream.of(healthyAt).allMatch(at -> at != 0) && nodes.stream().allMatch(this::seesAllAlive);
        }, POLL_PERIOD, timeout);
        long lastHealthy = LongStream.of(healthyAt).max().orElseThrow();
        long normalAt = Clock.await("mode normal on every node", () -> nodes.stream()
                .allMatch(node -> api.health(node).map(h -> "normal".equals(h.getString("mode"))).orElse(false)),
                POLL_PERIOD, timeout);
        long firstHealthy = LongStream.of(healthyAt).min().orElseThrow();
        System.out.println("RESULT formation_ms=" + Clock.millis(Clock.millisSince(lastHealthy, formedAt))
                + " normal_ms=" + Clock.millis(Clock.millisSince(lastHealthy, Math.max(formedAt, normalAt)))
                + " healthy_spread_ms=" + Clock.millis(Clock.millisSince(firstHealthy, lastHealthy)));
    }

    /**
     * Kills the victim's process group with SIGKILL, then times how long until no remaining node lists it as
     * alive (suspect or gone both count as detected; a node that does not answer counts as not yet detected).
     */
    void failureDetection(long victimGroup, String victimId, Duration timeout)
            throws TimeoutException, IOException, InterruptedException {
        awaitAlive(victimId, timeout);
        long killedAt = Clock.signal("KILL", -victimGroup);
        long detectedAt = Clock.await(victimId + " no longer alive anywhere", () -> nodes.stream()
                .noneMatch(node -> listsAlive(node, victimId).orElse(true)), POLL_PERIOD, timeout);
        System.out.println("RESULT detect_ms=" + Clock.millis(Clock.millisSince(killedAt, detectedAt)));
    }

    /** Waits until every node lists {@code memberId} as alive. */
    void awaitAlive(String memberId, Duration timeout) throws TimeoutException {
        Clock.await(memberId + " alive on every node", () -> nodes.stream()
                .allMatch(node -> listsAlive(node, memberId).orElse(false)), POLL_PERIOD, timeout);
    }

    /**
     * Waits until no node lists {@code memberId} at all (removed after member_remove_timeout, or left); returns the
     * milliseconds waited.
     */
    double awaitRemoval(String memberId, Duration timeout) throws TimeoutException {
        long start = System.nanoTime();
        long removedAt = Clock.await(memberId + " removed everywhere", () -> nodes.stream().allMatch(node -> api
                .members(node).map(members -> members.stream().noneMatch(m -> m.id().equals(memberId))).orElse(false)),
                Duration.ofMillis(100), timeout);
        return Clock.millisSince(start, removedAt);
    }

    private boolean seesAllAlive(String node) {
        Optional<List<NodeApi.Member>> members = api.members(node);
        return members.isPresent() && members.get().stream().filter(NodeApi.Member::alive)
                .map(NodeApi.Member::id).distinct().count() == nodes.size();
    }

    /** Whether {@code node} lists the member as alive; empty when the node does not answer. */
    private Optional<Boolean> listsAlive(String node, String memberId) {
        return api.members(node).map(members -> members.stream()
                .anyMatch(m -> m.id().equals(memberId) && m.alive()));
    }
}
