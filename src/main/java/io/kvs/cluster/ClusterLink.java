package io.kvs.cluster;

import io.kvs.cluster.membership.Gossiper;
import io.kvs.cluster.replication.PushReplicator;
import io.kvs.cluster.sync.Synchronizer;
import io.kvs.cluster.transport.NodeClient;

import java.util.concurrent.ExecutorService;

/**
 * The running parts of a cluster member: gossip, push replication, anti-entropy and the client they talk through.
 * Only a node with {@code clustering_enabled} has one ({@link ClusterNode#link()}); a standalone node has its member
 * table and tree but nothing here.
 *
 * @param httpThreads the client's own threads, stopped with the rest
 */
public record ClusterLink(Gossiper gossiper, PushReplicator replicator, Synchronizer synchronizer, NodeClient client,
                          ExecutorService httpThreads) {

    void close() {
        gossiper.stop();
        synchronizer.stop();
        replicator.close();
        httpThreads.shutdownNow();
    }
}
