package io.kvs.cluster.membership;

import java.time.Duration;

/**
 * Timing of the membership protocol.
 *
 * @param probeInterval     how often one member is probed; with the rotation every member is probed by every node
 *                          at least once per (members - 1) intervals
 * @param probeTimeout      how long a direct probe waits; an indirect probe waits twice this, since the helper
 *                          itself waits this long on the target
 * @param indirectProbes    how many members are asked to probe a member that did not answer directly, so that
 *                          one bad link does not make a healthy member suspect
 * @param gossipIntervalMin shortest wait between two gossip rounds ({@code gossip_interval_min})
 * @param gossipIntervalMax longest wait ({@code gossip_interval_max}); each wait is drawn between the two
 * @param gossipFanout      a gossip round talks to between 1 and this many random members
 * @param reconnectRounds   every this many gossip rounds, one seed or recently dead member that is not in the
 *                          cluster is contacted, so that two sides of a healed partition find each other again
 * @param joinRetry         wait between two attempts to reach the seeds while none answers
 */
public record GossipSettings(Duration probeInterval, Duration probeTimeout, int indirectProbes,
                             Duration gossipIntervalMin, Duration gossipIntervalMax, int gossipFanout,
                             int reconnectRounds, Duration joinRetry) {

    /**
     * Detects a killed member within about 3 s with the default 2 s suspect timeout (half a second to the next
     * probe, a refused or timed-out probe, then suspicion), while a member that is slow but answers within a second,
     * or answered anyone recently, is left alone.
     */
    public static GossipSettings defaults(Duration gossipIntervalMin, Duration gossipIntervalMax) {
        return new GossipSettings(Duration.ofMillis(500), Duration.ofSeconds(1), 2, gossipIntervalMin,
                gossipIntervalMax, 3, 5, Duration.ofSeconds(1));
    }

    public GossipSettings {
        if (probeInterval.isZero() || probeInterval.isNegative() || probeTimeout.isNegative()
                || gossipIntervalMin.isZero() || gossipIntervalMin.isNegative()
                || gossipIntervalMax.compareTo(gossipIntervalMin) < 0 || joinRetry.isZero() || joinRetry.isNegative()) {
            throw new IllegalArgumentException("membership intervals must be positive, min <= max");
        }
        if (indirectProbes < 0 || gossipFanout < 1 || reconnectRounds < 1) {
            throw new IllegalArgumentException("membership counts out of range");
        }
    }
}
