package io.kvs.cluster.replication;

import io.kvs.storage.StoreListener;
import io.kvs.storage.StoredValue;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Fans every version this node writes out to one {@link PeerQueue} per peer in the cluster. Versions that arrived
 * from peers are not forwarded: their writer pushed them to everyone already, and anti-entropy covers whoever
 * missed them, so a write crosses the network once per peer rather than once per pair of peers.
 */
public final class PushReplicator implements StoreListener {

    private final String selfId;
    private final PushTransport transport;
    private final ScheduledExecutorService scheduler;
    private final PushSettings settings;
    private final Map<String, PeerQueue> queues = new ConcurrentHashMap<>();

    public PushReplicator(String selfId, PushTransport transport, ScheduledExecutorService scheduler,
                          PushSettings settings) {
        this.selfId = selfId;
        this.transport = transport;
        this.scheduler = scheduler;
        this.settings = settings;
    }

    @Override
    public void applied(StoredValue previous, StoredValue current) {
        if (selfId.equals(current.version().writerNode())) {
            queues.values().forEach(queue -> queue.offer(current));
        }
    }

    /**
     * Makes the set of peers to push to exactly {@code peerIds}: a new peer gets a queue (what it missed before
     * comes through anti-entropy), a peer no longer in the cluster loses its queue and what waited in it.
     */
    public synchronized void retainPeers(Collection<String> peerIds) {
        Set<String> wanted = Set.copyOf(peerIds);
        queues.keySet().stream().filter(id -> !wanted.contains(id)).toList()
                .forEach(id -> queues.remove(id).close());
        wanted.stream().filter(id -> !id.equals(selfId))
                .forEach(id -> queues.computeIfAbsent(id, p -> new PeerQueue(p, transport, scheduler, settings)));
    }

    public List<PeerQueueStats> stats() {
        return queues.values().stream().map(PeerQueue::stats)
                .sorted(Comparator.comparing(PeerQueueStats::peerId)).toList();
    }

    /** Stops every queue; called on shutdown. */
    public synchronized void close() {
        retainPeers(List.of());
    }
}
