/**
 * Cluster membership, SWIM-style: the member list with incarnation numbers and its merge rules
 * ({@link io.kvs.cluster.membership.MemberTable}), the order in which peers are probed, and the signature that
 * authenticates node-to-node requests with the cluster secret.
 */
package io.kvs.cluster.membership;
