package io.kvs.cluster.membership;

/**
 * The three headers that authenticate a node-to-node request: who sends it, when (Unix ms) and the HMAC that binds
 * both to the method, path, query and body. Values are the raw header texts, null when a header is missing.
 */
public record RequestSignature(String nodeId, String timestamp, String signature) {

    public static final String NODE_HEADER = "X-Kvs-Node";
    public static final String TIMESTAMP_HEADER = "X-Kvs-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Kvs-Signature";
}
