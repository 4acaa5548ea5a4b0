package io.kvs.cluster.membership;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How the {@link Gossiper} reaches other nodes. Every call gives up after {@code timeout} by completing
 * exceptionally, so the gossiper never waits on a frozen peer.
 */
public interface MemberTransport {

    /**
     * Push-pull gossip with the node at {@code address}: it merges {@code ours} and answers with its own view.
     * This is also the direct probe: an answer proves the node alive.
     */
    CompletableFuture<Gossip> exchange(String address, Gossip ours, Duration timeout);

    /** Asks the node at {@code helperAddress} to probe {@code target} for us; true when the target answered it. */
    CompletableFuture<Boolean> probeThrough(String helperAddress, MemberState target, Duration timeout);
}
