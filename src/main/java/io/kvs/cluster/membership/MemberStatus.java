package io.kvs.cluster.membership;

import java.util.Locale;

/**
 * A member's state as the cluster sees it, in increasing precedence: at equal incarnation a later constant overrides
 * an earlier one, so suspicion beats "alive" and a leave beats everything, and only the member itself can undo a
 * suspicion, by announcing a higher incarnation.
 */
public enum MemberStatus {
    /** Answering probes. */
    ALIVE,
    /** Missed a direct and an indirect probe after a silence of the suspect timeout; may still refute. */
    SUSPECT,
    /** Stayed suspect, silent, until the remove timeout. Remembered, hidden, for a while, then forgotten. */
    DEAD,
    /** Announced its own departure; final for that incarnation. */
    LEFT;

    /** Listed by {@code GET /members/} and a target of gossip and probes. */
    public boolean isInCluster() {
        return this == ALIVE || this == SUSPECT;
    }

    /** The name used on the wire and in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
