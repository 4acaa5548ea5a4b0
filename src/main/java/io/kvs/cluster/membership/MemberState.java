package io.kvs.cluster.membership;

/**
 * What nodes gossip about one member: who it is, where it listens, its incarnation (a counter only the member
 * itself raises, to refute suspicion or to come back after being declared dead or gone), its status, and when it
 * joined the cluster (the tie-breaker of the version order, so it never changes for a node's data directory).
 */
public record MemberState(String id, String address, long incarnation, MemberStatus status, long joinedTimestamp) {

    /** True when this news replaces {@code known}: a higher incarnation, or the same with a stronger status. */
    public boolean overrides(MemberState known) {
        return incarnation > known.incarnation
                || (incarnation == known.incarnation && status.compareTo(known.status) > 0);
    }

    public MemberState withStatus(MemberStatus newStatus) {
        return new MemberState(id, address, incarnation, newStatus, joinedTimestamp);
    }

    public MemberState withIncarnation(long newIncarnation) {
        return new MemberState(id, address, newIncarnation, status, joinedTimestamp);
    }
}
