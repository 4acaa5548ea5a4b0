/**
 * The cluster's wiring ({@link io.kvs.cluster.ClusterNode}: membership, push replication and anti-entropy started
 * over the transport when {@code clustering_enabled}), its endpoints ({@code /members/*}, {@code /sync/*}) and its
 * figures in {@code /metrics}.
 */
package io.kvs.cluster;
