package io.kvs.cluster.sync;

import io.kvs.storage.StoreListener;
import io.kvs.storage.StoredValue;
import io.kvs.storage.VersionOrder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A fixed-shape Merkle tree over the current version of every key, tombstones included: {@link #FANOUT}-way,
 * {@link #DEPTH} levels below the root, {@link #LEAF_COUNT} leaves. A key lives in the leaf named by the first
 * {@code DEPTH} hex digits of SHA-256(key), so the shape is the same on every node whatever it holds.
 *
 * <p>Every node's hash is the XOR of a 128-bit digest of (key, timestamp, joined timestamp, uuid, tombstone) over all
 * keys below it. XOR makes the hash independent of insertion order and lets a write change one leaf and its
 * ancestors in O(depth), with nothing ever rebuilt (the Riak tictac AAE idea). The tree also remembers each key's
 * version, so a leaf's version list is served from memory and always matches the leaf's hash, and so that an update
 * can XOR out exactly what it XORed in before, whatever the caller believes the previous version was.
 *
 * <p>Thread-safe: the store's writer thread updates it while request threads read it; every operation is short.
 */
public final class MerkleTree implements StoreListener {

    public static final int FANOUT = 16;
    public static final int DEPTH = 4;
    public static final int LEAF_COUNT = 1 << (4 * DEPTH);

    private static final HexFormat HEX = HexFormat.of();
    private static final Comparator<KeyVersion> BY_KEY = Comparator.comparing(KeyVersion::key);

    /** Per level (0 = root), per node: the two halves of the 128-bit hash and the number of keys below. */
    private final long[][] hashHigh = new long[DEPTH + 1][];
    private final long[][] hashLow = new long[DEPTH + 1][];
    private final long[][] keyCounts = new long[DEPTH + 1][];
    private final Leaf[] leaves = new Leaf[LEAF_COUNT];

    public MerkleTree() {
        for (int level = 0; level <= DEPTH; level++) {
            int nodes = 1 << (4 * level);
            hashHigh[level] = new long[nodes];
            hashLow[level] = new long[nodes];
            keyCounts[level] = new long[nodes];
        }
    }

    /** Store hook: the key's current version changed. */
    @Override
    public void applied(StoredValue previous, StoredValue current) {
        update(KeyVersion.of(current));
    }

    /**
     * Makes {@code current} the version the tree holds for its key, unless the tree already holds that version or
     * one that beats it: so a full scan racing with live writes (tree built while the node serves) cannot step back.
     */
    public synchronized void update(KeyVersion current) {
        int leaf = leafIndex(current.key());
        Map<String, KeyVersion> entries = leafEntries(leaf);
        KeyVersion held = entries.get(current.key());
        if (held != null) {
            if (!VersionOrder.wins(current.version(), held.version())) {
                return;
            }
            toggle(leaf, held, -1);
        }
        entries.put(current.key(), current);
        toggle(leaf, current, 1);
    }

    /** Forgets {@code key} (its tombstone was purged); true when the tree held it. */
    public synchronized boolean remove(String key) {
        int leaf = leafIndex(key);
        Leaf entries = leaves[leaf];
        KeyVersion held = entries == null ? null : entries.remove(key);
        if (held != null) {
            toggle(leaf, held, -1);
        }
        return held != null;
    }

    /**
     * Forgets tombstones written before {@code cutoffMillis}: every node does the same on its own schedule, so
     * trees agree again once each has swept, without anyone shipping the old tombstones around.
     */
    public synchronized int removeTombstonesBefore(long cutoffMillis) {
        int removed = 0;
        for (int leaf = 0; leaf < LEAF_COUNT; leaf++) {
            Leaf entries = leaves[leaf];
            if (entries == null) {
                continue;
            }
            for (Iterator<KeyVersion> it = entries.values().iterator(); it.hasNext(); ) {
                KeyVersion held = it.next();
                if (held.tombstone() && held.version().timestamp() < cutoffMillis) {
                    it.remove();
                    toggle(leaf, held, -1);
                    removed++;
                }
            }
        }
        return removed;
    }

    public synchronized NodeHash root() {
        return nodeAt(0, 0);
    }

    public synchronized NodeHash node(String path) {
        return nodeAt(path.length(), indexOf(path));
    }

    /** The {@link #FANOUT} children of an inner node, in path order. */
    public synchronized List<NodeHash> children(String path) {
        int level = path.length();
        if (level == DEPTH) {
            throw new IllegalArgumentException("a leaf has no children: " + path);
        }
        int first = indexOf(path) * FANOUT;
        List<NodeHash> children = new ArrayList<>(FANOUT);
        for (int child = first; child < first + FANOUT; child++) {
            children.add(nodeAt(level + 1, child));
        }
        return children;
    }

    /** The versions held in one leaf, in key order. */
    public synchronized List<KeyVersion> entries(String leafPath) {
        if (leafPath.length() != DEPTH) {
            throw new IllegalArgumentException("not a leaf path: " + leafPath);
        }
        Leaf entries = leaves[indexOf(leafPath)];
        if (entries == null) {
            return List.of();
        }
        List<KeyVersion> sorted = new ArrayList<>(entries.values());
        sorted.sort(BY_KEY);
        return sorted;
    }

    public synchronized long keyCount() {
        return keyCounts[0][0];
    }

    /** The version the tree holds for {@code key}, or null. */
    public synchronized KeyVersion get(String key) {
        Leaf entries = leaves[leafIndex(key)];
        return entries == null ? null : entries.get(key);
    }

    public static int leafIndex(String key) {
        byte[] hash = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        return ((hash[0] & 0xff) << 8) | (hash[1] & 0xff);
    }

    public static String leafPath(String key) {
        return pathOf(DEPTH, leafIndex(key));
    }

    /** True for "" (root) up to a leaf path: at most {@link #DEPTH} lower-case hex digits. */
    public static boolean isValidPath(String path) {
        return path != null && path.length() <= DEPTH
                && path.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static int indexOf(String path) {
        if (!isValidPath(path)) {
            throw new IllegalArgumentException("not a tree path: " + path);
        }
        return path.isEmpty() ? 0 : Integer.parseInt(path, 16);
    }

    private static String pathOf(int level, int index) {
        return HEX.toHexDigits(index).substring(8 - level);
    }

    private NodeHash nodeAt(int level, int index) {
        return new NodeHash(pathOf(level, index),
                HEX.toHexDigits(hashHigh[level][index]) + HEX.toHexDigits(hashLow[level][index]),
                keyCounts[level][index]);
    }

    private Map<String, KeyVersion> leafEntries(int leaf) {
        Leaf entries = leaves[leaf];
        if (entries == null) {
            entries = new Leaf();
            leaves[leaf] = entries;
        }
        return entries;
    }

    /** XORs one key version's digest into (or, applied again, out of) a leaf and every ancestor. */
    private void toggle(int leaf, KeyVersion version, int countDelta) {
        ByteBuffer digest = ByteBuffer.wrap(digest(version));
        long high = digest.getLong();
        long low = digest.getLong();
        for (int level = DEPTH; level >= 0; level--) {
            int index = leaf >>> (4 * (DEPTH - level));
            hashHigh[level][index] ^= high;
            hashLow[level][index] ^= low;
            keyCounts[level][index] += countDelta;
        }
    }

    private static byte[] digest(KeyVersion version) {
        byte[] key = version.key().getBytes(StandardCharsets.UTF_8);
        ByteBuffer fields = ByteBuffer.allocate(Integer.BYTES + key.length + 4 * Long.BYTES + 1)
                .putInt(key.length).put(key)
                .putLong(version.version().timestamp())
                .putLong(version.version().joinedTimestamp())
                .putLong(version.version().uuid().getMostSignificantBits())
                .putLong(version.version().uuid().getLeastSignificantBits())
                .put((byte) (version.tombstone() ? 1 : 0));
        return sha256().digest(fields.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The versions of the keys in one leaf; a named type because arrays of generic maps cannot be created. */
    private static final class Leaf extends HashMap<String, KeyVersion> {
    }
}
