package io.kvs.cluster.replication;

import io.kvs.cluster.ManualScheduler;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PushReplicatorTest {

    private final ManualScheduler scheduler = new ManualScheduler(0);
    private final RecordingTransport transport = new RecordingTransport();
    private final PushReplicator replicator =
            new PushReplicator("node-a", transport, scheduler, PushSettings.DEFAULTS);

    @Test
    void aLocalWriteGoesToEveryPeer() {
        replicator.retainPeers(List.of("node-b", "node-c", "node-a"));

        replicator.applied(null, writtenBy("node-a", "k"));
        scheduler.runReady();

        assertEquals(List.of("node-b", "node-c"),
                transport.requests.stream().map(RecordingTransport.Request::peerId).sorted().toList());
    }

    @Test
    void versionsReplicatedFromPeersAreNotForwarded() {
        replicator.retainPeers(List.of("node-b", "node-c"));

        replicator.applied(null, writtenBy("node-b", "k"));
        scheduler.runReady();

        assertEquals(List.of(), transport.requests);
    }

    @Test
    void aPeerThatLeftTheClusterLosesItsQueue() {
        replicator.retainPeers(List.of("node-b", "node-c"));
        replicator.applied(null, writtenBy("node-a", "k1"));
        scheduler.runReady();

        replicator.retainPeers(List.of("node-c"));
        replicator.applied(null, writtenBy("node-a", "k2"));
        transport.requests.forEach(r -> r.answer().complete(null));
        scheduler.runReady();

        assertEquals(List.of("node-c"), replicator.stats().stream().map(PeerQueueStats::peerId).toList());
        assertEquals(List.of("node-b", "node-c", "node-c"),
                transport.requests.stream().map(RecordingTransport.Request::peerId).sorted().toList());
    }

    @Test
    void closingStopsEveryQueue() {
        replicator.retainPeers(List.of("node-b"));

        replicator.close();
        replicator.applied(null, writtenBy("node-a", "k"));
        scheduler.runReady();

        assertEquals(List.of(), replicator.stats());
        assertEquals(List.of(), transport.requests);
    }

    private static StoredValue writtenBy(String node, String key) {
        return new StoredValue(key, new Version(1, 7, UUID.randomUUID(), node), 0, false, "1".getBytes());
    }
}
