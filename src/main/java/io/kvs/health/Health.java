package io.kvs.health;

/** The body of {@code GET /health} (SPEC §4); {@code memberCount} counts alive members, this node included. */
public record Health(String status, String mode, int memberCount, String nodeId) {
}
