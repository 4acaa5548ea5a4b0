package io.kvs.cluster.replication;

import io.kvs.cluster.ManualScheduler;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeerQueueTest {

    private static final PushSettings SETTINGS =
            new PushSettings(4, 10_000, 2, 1_000, Duration.ofMillis(100), Duration.ofMillis(350));

    private final ManualScheduler scheduler = new ManualScheduler(0);
    private final RecordingTransport transport = new RecordingTransport();
    private final PeerQueue queue = new PeerQueue("peer-b", transport, scheduler, SETTINGS);

    @Test
    void aWriteOnAQuietQueueIsSentAtOnce() {
        queue.offer(value("a", 1));
        scheduler.runReady();

        assertEquals(List.of("a@1"), transport.lastKeys());
        assertEquals("peer-b", transport.last().peerId());
        transport.succeedLast();
        assertEquals(new PeerQueueStats("peer-b", 0, 1, 0, 0), queue.stats());
    }

    @Test
    void writesMadeWhileARequestIsInFlightLeaveTogetherInTheNextOne() {
        queue.offer(value("a", 1));
        scheduler.runReady();
        queue.offer(value("b", 2));
        queue.offer(value("c", 3));
        scheduler.runReady();
        assertEquals(1, transport.requests.size(), "one request at a time");

        transport.succeedLast();
        scheduler.runReady();

        assertEquals(List.of("b@2", "c@3"), transport.lastKeys());
    }

    @Test
    void aKeyWrittenAgainBeforeItLeftIsSentOnceInItsWinningVersion() {
        queue.offer(value("k", 1));
        queue.offer(value("k", 3));
        queue.offer(value("k", 2));
        scheduler.runReady();

        assertEquals(List.of("k@3"), transport.lastKeys());
    }

    @Test
    void batchesRespectTheCountAndByteLimits() {
        queue.offer(value("a", 1));
        queue.offer(value("b", 1));
        queue.offer(value("c", 1));
        scheduler.runReady();
        assertEquals(List.of("a@1", "b@1"), transport.lastKeys());
        transport.succeedLast();
        scheduler.runReady();
        assertEquals(List.of("c@1"), transport.lastKeys());
        transport.succeedLast();

        queue.offer(sized("big", 1_500));
        queue.offer(sized("small", 10));
        scheduler.runReady();
        assertEquals(List.of("big@1"), transport.lastKeys(), "an oversized version goes alone");
    }

    @Test
    void aFailedBatchIsRetriedAfterADoublingCappedBackoff() {
        queue.offer(value("a", 1));
        scheduler.runReady();

        long[] waits = {100, 200, 350, 350};
        for (long wait : waits) {
            int before = transport.requests.size();
            transport.failLast();
            scheduler.advance(wait - 1);
            assertEquals(before, transport.requests.size(), "no retry before " + wait + " ms");
            scheduler.advance(1);
            assertEquals(List.of("a@1"), transport.lastKeys());
        }
        transport.succeedLast();
        scheduler.runReady();

        assertEquals(new PeerQueueStats("peer-b", 0, 1, 0, 4), queue.stats());
        scheduler.advance(10_000);
        assertEquals(5, transport.requests.size());
    }

    @Test
    void aRetriedBatchGoesFirstButYieldsToNewerVersionsOfItsKeys() {
        queue.offer(value("a", 1));
        queue.offer(value("b", 1));
        scheduler.runReady();
        queue.offer(value("a", 2));
        queue.offer(value("c", 1));

        transport.failLast();
        scheduler.advance(100);

        assertEquals(List.of("b@1", "a@2"), transport.lastKeys());
        transport.succeedLast();
        scheduler.runReady();
        assertEquals(List.of("c@1"), transport.lastKeys());
    }

    @Test
    void beyondTheBoundTheOldestWaitingVersionsAreDroppedAndCounted() {
        queue.offer(value("first", 1));
        scheduler.runReady();
        for (int i = 0; i < 6; i++) {
            queue.offer(value("k" + i, 1));
        }

        assertEquals(new PeerQueueStats("peer-b", 4, 0, 2, 0), queue.stats());
        transport.succeedLast();
        scheduler.runReady();
        assertEquals(List.of("k2@1", "k3@1"), transport.lastKeys());
    }

    @Test
    void theByteBoundDropsTooWhateverTheCount() {
        PeerQueue small = new PeerQueue("peer-c", transport, scheduler,
                new PushSettings(100, 250, 10, 1_000, Duration.ofMillis(100), Duration.ofMillis(100)));
        small.offer(sized("first", 1));
        scheduler.runReady();

        small.offer(sized("x", 100));
        small.offer(sized("y", 100));
        small.offer(sized("z", 100));

        assertEquals(2, small.stats().pending());
        assertEquals(1, small.stats().dropped());
    }

    @Test
    void aTransportThatThrowsCountsAsAFailedSend() {
        PeerQueue throwing = new PeerQueue("peer-d", (peer, batch) -> {
            throw new IllegalStateException("no address for peer-d");
        }, scheduler, SETTINGS);

        throwing.offer(value("a", 1));
        scheduler.runReady();

        assertEquals(new PeerQueueStats("peer-d", 1, 0, 0, 1), throwing.stats());
    }

    @Test
    void aClosedQueueDropsWhatWaitsAndSendsNoMore() {
        queue.offer(value("a", 1));
        scheduler.runReady();
        queue.offer(value("b", 1));

        queue.close();
        transport.failLast();
        scheduler.advance(10_000);
        queue.offer(value("c", 1));
        scheduler.runReady();

        assertEquals(1, transport.requests.size());
        assertEquals(new PeerQueueStats("peer-b", 0, 0, 1, 0), queue.stats());
        assertEquals(0, scheduler.waitingTasks());
    }

    @Test
    void anAlreadyCompletedAnswerLetsTheQueueDrainAtOnce() {
        PeerQueue async = new PeerQueue("peer-e", (peer, batch) -> CompletableFuture.completedFuture(null),
                scheduler, SETTINGS);
        for (int i = 0; i < 5; i++) {
            async.offer(value("k" + i, 1));
        }
        scheduler.runReady();

        assertEquals(new PeerQueueStats("peer-e", 0, 4, 1, 0), async.stats());
    }

    static StoredValue value(String key, long timestamp) {
        return new StoredValue(key, new Version(timestamp, 7, UUID.nameUUIDFromBytes((key + timestamp).getBytes()),
                "node-a"), 0, false, "{}".getBytes());
    }

    private static StoredValue sized(String key, int bytes) {
        return new StoredValue(key, new Version(1, 7, UUID.randomUUID(), "node-a"), 0, false, new byte[bytes]);
    }
}
