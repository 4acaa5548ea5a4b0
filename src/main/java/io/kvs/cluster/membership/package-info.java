/**
 * Cluster membership, SWIM-style: this node's identity (id from the configuration, join time recorded once in
 * {@code data_dir/node-identity.properties}), the member list with incarnation numbers and its merge rules
 * ({@link io.kvs.cluster.membership.MemberTable}), the protocol that probes and gossips
 * ({@link io.kvs.cluster.membership.Gossiper}), the signature that authenticates node-to-node requests with the
 * cluster secret, and {@code GET /members/}.
 */
package io.kvs.cluster.membership;
