/**
 * Push replication: every version this node writes is sent to every peer in the cluster as soon as it is durable,
 * batched per peer, retried with backoff, and bounded: what a queue cannot hold is dropped and counted, and left to
 * Merkle anti-entropy to repair. The network is behind {@link io.kvs.cluster.replication.PushTransport}.
 */
package io.kvs.cluster.replication;
