package io.kvs.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

import static io.kvs.metrics.KvsMetrics.meta;

/** The cluster's figures in {@code /metrics}, read from {@link ClusterNode} when scraped (zero on a standalone node). */
@ApplicationScoped
public class ClusterMetrics {

    private MetricRegistry registry;
    private ClusterNode cluster;

    @Inject
    public ClusterMetrics(MetricRegistry registry, ClusterNode cluster) {
        this.registry = registry;
        this.cluster = cluster;
    }

    protected ClusterMetrics() {
    }

    @PostConstruct
    void register() {
        registry.gauge(meta("kvs_cluster_members_alive", "Alive members of the cluster, this node included",
                MetricUnits.NONE), cluster, node -> node.members().aliveCount());
        registry.gauge(meta("kvs_replication_queue_depth", "Versions waiting to be pushed to peers, all peers together",
                MetricUnits.NONE), cluster, ClusterNode::replicationQueueDepth);
        registry.gauge(meta("kvs_replication_dropped", "Versions dropped from full push queues since start "
                + "(anti-entropy delivers them)", MetricUnits.NONE), cluster, ClusterNode::replicationDropped);
        registry.gauge(meta("kvs_replication_applied", "Versions from peers (push or anti-entropy) applied here "
                + "since start", MetricUnits.NONE), cluster, node -> node.incoming().applied());
        registry.gauge(meta("kvs_conflicts_resolved", "Versions from peers that lost to a different version held "
                + "here since start (concurrent writes or stale copies)", MetricUnits.NONE), cluster,
                node -> node.incoming().conflictsResolved());
        registry.gauge(meta("kvs_anti_entropy_rounds", "Anti-entropy rounds completed since start",
                MetricUnits.NONE), cluster, ClusterNode::antiEntropyRounds);
        registry.gauge(meta("kvs_anti_entropy_keys_repaired", "Keys pulled or pushed by anti-entropy since start",
                MetricUnits.NONE), cluster, ClusterNode::keysRepaired);
    }

    /** Registers the figures at start-up, so that /metrics shows them before the first request. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the event is what makes the container create this bean, and so run register(), now
    }
}
