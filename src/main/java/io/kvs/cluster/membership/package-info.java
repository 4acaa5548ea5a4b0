/**
 * Cluster membership: this node's identity (id from the configuration, join time recorded once in
 * {@code data_dir/node-identity.properties}) and {@code GET /members/}.
 */
package io.kvs.cluster.membership;
