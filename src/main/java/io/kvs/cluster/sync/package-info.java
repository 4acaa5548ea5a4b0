/**
 * Merkle anti-entropy: a fixed-shape hash tree over every key's current version (tombstones included), kept up to
 * date on each write in O(depth), and the comparison that finds which keys two nodes disagree on and which side
 * holds the winner. Nothing here knows the network: the remote side is the {@link io.kvs.cluster.sync.RemoteTree}
 * interface.
 */
package io.kvs.cluster.sync;
