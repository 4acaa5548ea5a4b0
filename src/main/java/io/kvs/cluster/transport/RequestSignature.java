package io.kvs.cluster.transport;

/**
 * The four headers that authenticate a node-to-node request: who sends it, when (Unix ms), the SHA-256 of its body
 * (hex) and the HMAC that binds them to the method, path and query. Since the body is bound through its digest, the
 * receiver checks everything but the body before it reads a byte of it. Values are the raw header texts, null when
 * a header is missing.
 */
public record RequestSignature(String nodeId, String timestamp, String bodyDigest, String signature) {

    public static final String NODE_HEADER = "X-Kvs-Node";
    public static final String TIMESTAMP_HEADER = "X-Kvs-Timestamp";
    public static final String BODY_DIGEST_HEADER = "X-Kvs-Body-SHA256";
    public static final String SIGNATURE_HEADER = "X-Kvs-Signature";
    /** On a 2xx answer: the HMAC binding its status and body to the request it answers ({@link RequestSigner#signAnswer}). */
    public static final String ANSWER_SIGNATURE_HEADER = "X-Kvs-Answer-Signature";
}
