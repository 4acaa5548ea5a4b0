/**
 * The node's own singletons, whatever it serves: its configuration ({@link io.kvs.node.ConfigProducer}), identity
 * (id from the configuration, join time recorded once in {@code data_dir/node-identity.properties}), mode (normal,
 * read-only, syncing: whether client writes are taken), its store ({@link io.kvs.node.StoreLifecycle}: open, TTL
 * reaping, background compaction, clean close, in {@code data_dir/store}) and the container's concurrency resources.
 * All exist whether the node runs alone or in a cluster.
 */
package io.kvs.node;
