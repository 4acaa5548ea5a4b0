package io.kvs.cluster.sync;

import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AntiEntropyTest {

    private static final long ALL = Long.MIN_VALUE;

    private final Replica a = new Replica("a", 100);
    private final Replica b = new Replica("b", 200);

    @Test
    void withNoDifferenceARoundCostsOneRequestAndMovesNothing() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            StoredValue same = new StoredValue("k" + i, new Version(5, 100, UUID.randomUUID(), "a"), 0, false,
                    "1".getBytes());
            a.applyIfNewer(same);
            b.applyIfNewer(same);
        }

        SyncRound round = a.antiEntropy().syncWith("b", b.asPeer(), ALL, ALL);

        assertEquals(new SyncRound("b", a.tree.root().hash(), b.tree.root().hash(), true, 0, 0, 42), round);
        assertEquals(1, b.requests);
    }

    /** A fetch answer used to be applied whole, keys nobody asked for included (issue 12, item 4). */
    @Test
    void versionsAFetchWasNotAskedForAreIgnored() throws Exception {
        b.write("asked", 5, "1");
        SyncPeer smuggling = new SyncPeer() {
            private final SyncPeer honest = b.asPeer();

            @Override
            public NodeHash root() throws IOException, InterruptedException {
                return honest.root();
            }

            @Override
            public List<NodeHash> children(List<String> parents)
                    throws IOException, InterruptedException {
                return honest.children(parents);
            }

            @Override
            public List<KeyVersion> entries(List<String> leaves)
                    throws IOException, InterruptedException {
                return honest.entries(leaves);
            }

            @Override
            public List<StoredValue> fetch(List<String> keys)
                    throws IOException, InterruptedException {
                List<StoredValue> answer = new ArrayList<>(honest.fetch(keys));
                answer.add(new StoredValue("_auth/users/mallory", new Version(6, 200, UUID.randomUUID(), "b"), 0,
                        false, "{\"admin\":true}".getBytes()));
                return answer;
            }

            @Override
            public void push(List<StoredValue> versions) throws IOException, InterruptedException {
                honest.push(versions);
            }
        };

        a.antiEntropy().syncWith("b", smuggling, ALL, ALL);

        assertTrue(a.data.containsKey("asked"));
        assertFalse(a.data.containsKey("_auth/users/mallory"));
    }

    @Test
    void oneRoundMakesTwoDivergentNodesIdentical() throws Exception {
        Random random = new Random(5);
        for (int ts = 1; ts <= 3_000; ts++) {
            Replica writer = random.nextBoolean() ? a : b;
            String key = "doc/" + random.nextInt(1_000);
            if (random.nextInt(6) == 0) {
                writer.delete(key, ts);
            } else {
                writer.write(key, ts, "{\"v\":" + ts + "}");
            }
        }

        SyncRound round = a.antiEntropy().syncWith("b", b.asPeer(), ALL, ALL);

        assertTrue(round.equal());
        assertTrue(round.pulled() > 0 && round.pushed() > 0, round.toString());
        assertEquals(a.data.keySet(), b.data.keySet());
        a.data.forEach((key, value) -> assertEquals(value.version(), b.data.get(key).version(), key));
        assertEquals(0, a.antiEntropy().syncWith("b", b.asPeer(), ALL, ALL).keysRepaired());
    }

    @Test
    void concurrentWritesWithEqualTimestampsEndWithTheSameWinnerOnBothSides() throws Exception {
        a.write("conflict", 1_000, "\"from a\"");
        b.write("conflict", 1_000, "\"from b\"");

        b.antiEntropy().syncWith("a", a.asPeer(), ALL, ALL);

        assertArrayEquals("\"from a\"".getBytes(), a.data.get("conflict").data(), "a joined first");
        assertArrayEquals("\"from a\"".getBytes(), b.data.get("conflict").data());
    }

    @Test
    void aDeleteReachesTheNodeThatStillHasTheValue() throws Exception {
        a.write("k", 1, "1");
        b.antiEntropy().syncWith("a", a.asPeer(), ALL, ALL);
        a.delete("k", 2);

        b.antiEntropy().syncWith("a", a.asPeer(), ALL, ALL);

        assertTrue(b.data.get("k").tombstone());
    }

    @Test
    void versionsOlderThanTheHorizonWaitForALaterRound() throws Exception {
        a.write("old", 10, "1");
        a.write("recent", 1_000, "2");

        SyncRound recentOnly = b.antiEntropy().syncWith("a", a.asPeer(), 500, ALL);

        assertEquals(1, recentOnly.pulled());
        assertFalse(recentOnly.equal());
        assertFalse(b.data.containsKey("old"));
        assertEquals(1, b.antiEntropy().syncWith("a", a.asPeer(), ALL, ALL).pulled());
    }

    @Test
    void oneDifferentKeyAmongTenThousandCostsAHandfulOfRequests() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            StoredValue same = new StoredValue("k" + i, new Version(5, 100, UUID.randomUUID(), "a"), 0, false,
                    "1".getBytes());
            a.applyIfNewer(same);
            b.applyIfNewer(same);
        }
        b.write("k77", 6, "2");

        SyncRound round = a.antiEntropy().syncWith("b", b.asPeer(), ALL, ALL);

        assertEquals(1, round.pulled());
        assertTrue(round.equal());
        assertEquals(1 + MerkleTree.DEPTH + 1 + 1 + 1, b.requests, "root, 4 levels, leaf, fetch, final root");
    }

    @Test
    void pushesAreCutByDataSizeAsWellAsByCount() throws Exception {
        String big = "\"" + "x".repeat(3 << 20) + "\"";
        for (int i = 0; i < 5; i++) {
            a.write("big/" + i, 1, big);
        }
        int requestsBefore = b.requests;

        SyncRound round = a.antiEntropy().syncWith("b", b.asPeer(), ALL, ALL);

        assertEquals(5, round.pushed());
        assertTrue(round.equal());
        // root, children down to the leaves, entries, then 3 pushes of at most 8 MiB (2 + 2 + 1 values), a final root
        int pushes = b.requests - requestsBefore - 1 - 4 - 1 - 1;
        assertEquals(3, pushes);
    }
}
