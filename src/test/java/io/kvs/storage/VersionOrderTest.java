package io.kvs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VersionOrderTest {

    private static final UUID LOW = UUID.fromString("0aaaaaaa-0000-4000-8000-000000000000");
    private static final UUID HIGH = UUID.fromString("f0000000-0000-4000-8000-000000000000");

    @Test
    void higherTimestampWins() {
        assertTrue(VersionOrder.wins(new Version(2, 9, HIGH, "b"), new Version(1, 1, LOW, "a")));
        assertFalse(VersionOrder.wins(new Version(1, 1, LOW, "a"), new Version(2, 9, HIGH, "b")));
    }

    @Test
    void onEqualTimestampsTheEarliestJoinedWriterWins() {
        assertTrue(VersionOrder.wins(new Version(5, 1, HIGH, "a"), new Version(5, 2, LOW, "b")));
        assertFalse(VersionOrder.wins(new Version(5, 2, LOW, "b"), new Version(5, 1, HIGH, "a")));
    }

    @Test
    void thenTheSmallerUuidTextWinsNotTheSignedLong() {
        // as signed longs f000... is negative and would sort first; as text it is last
        assertTrue(VersionOrder.wins(new Version(5, 1, LOW, "a"), new Version(5, 1, HIGH, "b")));
        assertFalse(VersionOrder.wins(new Version(5, 1, HIGH, "b"), new Version(5, 1, LOW, "a")));
    }

    @Test
    void aVersionDoesNotWinOverItself() {
        Version v = new Version(5, 1, LOW, "a");
        assertFalse(VersionOrder.wins(v, v));
        assertTrue(VersionOrder.wins(v, null));
    }

    @Test
    void theWinnerDoesNotDependOnArrivalOrder() {
        Random random = new Random(7);
        List<Version> versions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            versions.add(new Version(random.nextInt(3), random.nextInt(3), UUID.randomUUID(), "n" + i));
        }
        Version expected = Collections.max(versions, VersionOrder.WINNER_LAST);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(versions, random);
            Version winner = null;
            for (Version v : versions) {
                if (VersionOrder.wins(v, winner)) {
                    winner = v;
                }
            }
            assertEquals(expected, winner);
        }
    }
}
