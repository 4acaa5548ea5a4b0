package io.kvs.health;

import io.kvs.node.Mode;

/**
 * The answer of {@code GET /health/ready} (SPEC §9), what a Kubernetes readiness probe or a load balancer asks:
 * whether clients should be sent here. A syncing node does not have the cluster's data yet, and a node that left the
 * cluster serves stale data until it restarts; a read-only node is ready, since refusing writes is what it is for.
 *
 * @param status {@code ready}, {@code syncing} or {@code left}
 * @param mode   the node's mode, as {@code /health} reports it
 * @param error  why it is not ready (the 503's reason, SPEC §0); null when ready
 */
public record Readiness(String status, String mode, String error) {

    public static Readiness of(Mode mode, boolean leftTheCluster) {
        if (leftTheCluster) {
            return new Readiness("left", mode.wireName(), "this node left the cluster; restart it to rejoin");
        }
        if (mode == Mode.SYNCING) {
            return new Readiness("syncing", mode.wireName(), "this node is still syncing with the cluster");
        }
        return new Readiness("ready", mode.wireName(), null);
    }

    public boolean ready() {
        return error == null;
    }
}
