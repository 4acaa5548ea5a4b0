package io.kvs.health;

import io.kvs.cluster.sync.BootstrapProgress;

/**
 * The body of {@code GET /health} (SPEC §4); {@code memberCount} counts alive members, this node included.
 * {@code bootstrap} (keys held, keys the peer had) appears only while the node is syncing.
 */
public record Health(String status, String mode, int memberCount, String nodeId, BootstrapProgress bootstrap) {
}
