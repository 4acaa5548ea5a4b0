package io.kvs.cluster.sync;

/**
 * One node of a {@link MerkleTree}: its path (one lower-case hex digit per level below the root, so the root is
 * {@code ""} and a leaf has {@link MerkleTree#DEPTH} digits), the XOR of the digests of every key version below it
 * as 32 hex digits, and how many keys lie below it.
 */
public record NodeHash(String path, String hash, long keyCount) {

    /** Same content: equal hash and key count (the count guards against the vanishing chance of an XOR collision). */
    public boolean sameContentAs(NodeHash other) {
        return hash.equals(other.hash) && keyCount == other.keyCount;
    }
}
