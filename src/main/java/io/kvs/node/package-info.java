/**
 * What this node is and how it serves: its identity (id from the configuration, join time recorded once in
 * {@code data_dir/node-identity.properties}) and its mode (normal, read-only, syncing), which decides whether client
 * writes are taken. Both exist whether the node runs alone or in a cluster.
 */
package io.kvs.node;
