/**
 * Cluster membership, SWIM-style: the member list with incarnation numbers and its merge rules
 * ({@link io.kvs.cluster.membership.MemberTable}) and the protocol that probes and gossips
 * ({@link io.kvs.cluster.membership.Gossiper}). The network is behind
 * {@link io.kvs.cluster.membership.MemberTransport}.
 */
package io.kvs.cluster.membership;
