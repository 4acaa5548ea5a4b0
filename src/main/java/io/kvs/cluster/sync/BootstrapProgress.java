package io.kvs.cluster.sync;

/**
 * How far a joining node is in fetching the cluster's data: keys (tombstones included) it holds, and how many the
 * peer it is fetching from held when the fetch began. Shown in {@code /health} while the node is syncing.
 */
public record BootstrapProgress(long keysHeld, long keysExpected) {
}
