/** {@code GET /health} and the node's mode (normal, read-only, syncing), which decides whether client writes are taken. */
package io.kvs.health;
