/**
 * Node-to-node HTTP: the client every cluster feature calls its peers with ({@link
 * io.kvs.cluster.transport.NodeClient}), the HMAC signatures of requests and answers with a key derived from the
 * cluster secret ({@link io.kvs.cluster.transport.RequestSigner}, {@link io.kvs.cluster.transport.NodeSigning}),
 * the JSON bodies both sides share ({@link io.kvs.cluster.transport.ClusterJson}, JSON-P field by field: a peer's
 * body is checked, not bound), and the adapters that carry the
 * membership, replication and anti-entropy engines over it. The engines themselves know no network.
 */
package io.kvs.cluster.transport;
