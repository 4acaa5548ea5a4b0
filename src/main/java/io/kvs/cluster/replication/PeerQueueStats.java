package io.kvs.cluster.replication;

/**
 * Counters of one peer's push queue: versions waiting, versions delivered, versions dropped for anti-entropy to
 * repair, and failed send attempts.
 */
public record PeerQueueStats(String peerId, int pending, long sent, long dropped, long failedSends) {
}
