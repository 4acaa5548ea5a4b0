package io.kvs.cluster.transport;

/**
 * The most body each node-to-node path accepts, and which bodies count as large. Only version batches are big (a
 * push batch is about 1 MiB, an anti-entropy batch about 8 MiB plus one value); gossip, probes, tree walks and fetch
 * requests are lists of ids and keys.
 */
public final class NodeBodyLimits {

    /** {@code POST /sync/versions}: an anti-entropy batch with room for one large value beyond it. */
    public static final int VERSION_BATCH_BYTES = 64 << 20;
    /** {@code POST /sync/versions/fetch}: up to 1,000 keys. */
    public static final int FETCH_BYTES = 4 << 20;
    /** Every other node-to-node body: gossip, probes, leave, Merkle tree paths. */
    public static final int SMALL_BODY_BYTES = 1 << 20;
    /** Bodies declared above this (or not declared at all) take one of the few large-read permits. */
    public static final int LARGE_READ_BYTES = 1 << 20;

    private NodeBodyLimits() {
    }

    /** The cap for a decoded node-to-node path relative to the root, such as {@code sync/versions}. */
    public static int maxBodyBytes(String path) {
        return switch (path) {
            case "sync/versions" -> VERSION_BATCH_BYTES;
            case "sync/versions/fetch" -> FETCH_BYTES;
            default -> SMALL_BODY_BYTES;
        };
    }

    /** Whether a body of {@code declaredLength} (-1: chunked) may be large. */
    public static boolean mayBeLarge(long declaredLength, int cap) {
        return cap > LARGE_READ_BYTES && (declaredLength < 0 || declaredLength > LARGE_READ_BYTES);
    }
}
