/** {@code GET /health}: the node's mode ({@link io.kvs.node.NodeMode}), its members and its bootstrap progress. */
package io.kvs.health;
