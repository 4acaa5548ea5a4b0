package io.kvs.cluster;

import io.kvs.cluster.membership.GossipSettings;
import io.kvs.cluster.membership.Gossiper;
import io.kvs.cluster.membership.MemberEntry;
import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.membership.MemberStatus;
import io.kvs.cluster.membership.MemberTable;
import io.kvs.cluster.replication.IncomingVersions;
import io.kvs.cluster.replication.PeerQueueStats;
import io.kvs.cluster.replication.PushReplicator;
import io.kvs.cluster.replication.PushSettings;
import io.kvs.cluster.sync.AntiEntropy;
import io.kvs.cluster.sync.KeyVersion;
import io.kvs.cluster.sync.MerkleTree;
import io.kvs.cluster.sync.SyncSettings;
import io.kvs.cluster.sync.Synchronizer;
import io.kvs.cluster.transport.HttpMemberTransport;
import io.kvs.cluster.transport.HttpPushTransport;
import io.kvs.cluster.transport.HttpSyncPeer;
import io.kvs.cluster.transport.NodeClient;
import io.kvs.cluster.transport.NodeSigning;
import io.kvs.cluster.transport.RequestSigner;
import io.kvs.config.KvsConfig;
import io.kvs.node.NodeIdentity;
import io.kvs.node.NodeMode;
import io.kvs.refusals.UnknownResourceException;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Wires the cluster engine into the node: the Merkle tree over the store (at start on a cluster member; on a
 * standalone node only once {@code /sync/status} first asks for its root, since it costs ~200 bytes of heap and
 * ~5 µs of start-up per key that nothing else there uses) and, with {@code clustering_enabled}, membership (SWIM
 * gossip), push replication of this
 * node's writes and anti-entropy, all timed by the container's scheduled executor. A node with {@code seed_nodes}
 * starts in mode syncing and leaves it after its first completed anti-entropy round, or at once when no seed answers
 * within {@link #LONE_START_GRACE}: then it is the first node of its cluster.
 */
@ApplicationScoped
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());

    static final Duration LONE_START_GRACE = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SYNC_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration BOOTSTRAP_RETRY = Duration.ofSeconds(1);
    private static final Duration TOMBSTONE_SWEEP = Duration.ofMinutes(10);
    /** Tree nodes, leaves or versions per sync request; also the most versions one push or fetch body may carry. */
    public static final int MAX_PER_REQUEST = 1000;
    private static final int INITIAL_SCAN_PAGE = 10_000;

    private KvsConfig config;
    private NodeIdentity identity;
    private Store store;
    private NodeMode mode;
    private NodeSigning signing;
    private ManagedScheduledExecutorService scheduler;
    private ManagedThreadFactory threads;

    private final MerkleTree tree = new MerkleTree();
    private volatile boolean treeBuilt;
    private IncomingVersions incoming;
    private MemberTable table;
    private volatile Optional<ClusterLink> link = Optional.empty();

    @Inject
    public ClusterNode(KvsConfig config, NodeIdentity identity, Store store, NodeMode mode, NodeSigning signing,
                       ManagedScheduledExecutorService scheduler, ManagedThreadFactory threads) {
        this.config = config;
        this.identity = identity;
        this.store = store;
        this.mode = mode;
        this.signing = signing;
        this.scheduler = scheduler;
        this.threads = threads;
        this.incoming = new IncomingVersions(store, System::currentTimeMillis, config.maxClockSkew().toMillis());
    }

    protected ClusterNode() {
    }

    @PostConstruct
    void start() {
        if (config.clusteringEnabled()) {
            buildTreeOnce();
        }
        RequestSigner signer = signing.signer().orElse(null);
        Random random = new Random();
        table = new MemberTable(new MemberState(identity.nodeId(), advertisedAddress(), System.currentTimeMillis(),
                MemberStatus.ALIVE, identity.joinedTimestamp()),
                TimeUnit.SECONDS.toMillis(config.memberSuspectTimeout()),
                TimeUnit.SECONDS.toMillis(config.memberRemoveTimeout()), System::currentTimeMillis, random);
        if (!config.clusteringEnabled()) {
            LOG.info("clustering_enabled is false: this node runs alone");
            return;
        }
        if (signer == null) {
            LOG.warning("the cluster has no cluster_secret (auth off): node-to-node endpoints are open to anyone "
                    + "who can reach this port");
        }
        // Its own threads: anti-entropy waits for answers on a scheduler thread, and an answer must not need one.
        // HTTP/1.1: the client's default h2c upgrade makes Grizzly reset streams with a body.
        ExecutorService httpThreads = Executors.newCachedThreadPool(threads);
        NodeClient client = new NodeClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).executor(httpThreads).build(), identity.nodeId(), signer);
        PushReplicator replicator = new PushReplicator(identity.nodeId(), new HttpPushTransport(client, this::addressOf,
                PUSH_TIMEOUT), scheduler, PushSettings.DEFAULTS);
        store.addListener(replicator);
        Gossiper gossiper = new Gossiper(table, new HttpMemberTransport(client), config.seedNodes(),
                GossipSettings.defaults(Duration.ofSeconds(config.gossipIntervalMin()),
                        Duration.ofSeconds(config.gossipIntervalMax())),
                scheduler, random, this::membershipChanged);
        Synchronizer synchronizer = new Synchronizer(new AntiEntropy(tree, this::localVersion, incoming::apply,
                MAX_PER_REQUEST, System::currentTimeMillis), tree, this::alivePeerIds,
                peerId -> syncPeer(client, peerId), syncSettings(), scheduler, System::currentTimeMillis, random,
                this::bootstrapped);
        link = Optional.of(new ClusterLink(gossiper, replicator, synchronizer, client, httpThreads));
        boolean joining = !config.seedNodes().isEmpty();
        if (joining) {
            mode.enterSyncing(synchronizer::bootstrapProgress);
            scheduler.schedule(() -> startAloneUnlessJoined(synchronizer), LONE_START_GRACE.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        gossiper.start();
        synchronizer.start(joining);
        LOG.info(() -> "cluster member " + identity.nodeId() + " at " + table.self().address()
                + (joining ? ", joining through " + config.seedNodes() : ", first node of its cluster"));
    }

    /** Touching the bean at start-up joins the cluster before the first request, not on it. */
    void startAtBoot(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.fine(() -> "cluster ready: " + table.aliveCount() + " members alive");
    }

    @PreDestroy
    void stop() {
        link.ifPresent(ClusterLink::close);
    }

    /**
     * Leaves the cluster: every member drops this node at once; replication and anti-entropy stop, and the node
     * serves its clients alone until restarted.
     */
    public CompletableFuture<Void> leave() {
        ClusterLink member = requireClustered();
        member.synchronizer().stop();
        member.replicator().close();
        mode.leaveSyncing();
        return member.gossiper().leave();
    }

    /** Gossip, replication and anti-entropy, running only with {@code clustering_enabled}. */
    public Optional<ClusterLink> link() {
        return link;
    }

    /**
     * For the node-to-node endpoints: a standalone node has no peers, so nothing may push to it, gossip with it or
     * walk its tree, signed or not (404).
     */
    public ClusterLink requireClustered() {
        return link.orElseThrow(() -> new UnknownResourceException("clustering_enabled is false on this node"));
    }

    /** The tree over the store, built on first use on a standalone node. */
    public MerkleTree tree() {
        if (!treeBuilt) {
            buildTreeOnce();
        }
        return tree;
    }

    public MemberTable members() {
        return table;
    }

    /** Applies versions that peers push or anti-entropy pulls, counting how they fare. */
    public IncomingVersions incoming() {
        return incoming;
    }

    /** Versions waiting to be pushed, over all peers. */
    public long replicationQueueDepth() {
        return link.map(member -> member.replicator().stats().stream().mapToLong(PeerQueueStats::pending).sum())
                .orElse(0L);
    }

    /** Versions dropped from full push queues (anti-entropy delivers them), since start. */
    public long replicationDropped() {
        return link.map(member -> member.replicator().stats().stream().mapToLong(PeerQueueStats::dropped).sum())
                .orElse(0L);
    }

    public long antiEntropyRounds() {
        return link.map(member -> member.synchronizer().rounds()).orElse(0L);
    }

    public long keysRepaired() {
        return link.map(member -> member.synchronizer().keysRepaired()).orElse(0L);
    }

    /** A peer's current address, empty when it is not (or no longer) a member. */
    public Optional<String> addressOf(String peerId) {
        return table.get(peerId).map(entry -> entry.member().address());
    }

    /** The current version of {@code key} with its data (a tombstone without); absent when none or expired. */
    public Optional<StoredValue> localVersion(String key) {
        Optional<StoredValue> live = store.get(key);
        return live.isPresent() ? live : store.currentVersion(key).filter(StoredValue::tombstone);
    }

    private List<String> alivePeerIds() {
        return table.peers(m -> m.status() == MemberStatus.ALIVE).stream().map(MemberState::id).toList();
    }

    private HttpSyncPeer syncPeer(NodeClient client, String peerId) {
        String address = addressOf(peerId).orElseThrow(() -> new IllegalStateException(peerId + " is gone"));
        return new HttpSyncPeer(client, address, SYNC_REQUEST_TIMEOUT,
                Duration.ofMillis(config.throttleDelayMs()), Duration.ofMillis(config.fetchDelayMs()),
                MAX_PER_REQUEST, (int) Math.min(Integer.MAX_VALUE, (long) MAX_PER_REQUEST * config.maxJsonSize()));
    }

    private void membershipChanged() {
        link.ifPresent(member -> {
            List<String> inCluster = table.inCluster().stream().map(MemberEntry::member).map(MemberState::id).toList();
            member.replicator().retainPeers(inCluster);
            Synchronizer synchronizer = member.synchronizer();
            synchronizer.lastRounds().keySet().stream().filter(id -> !inCluster.contains(id))
                    .forEach(synchronizer::forget);
        });
    }

    private void startAloneUnlessJoined(Synchronizer synchronizer) {
        if (synchronizer.bootstrapping() && alivePeerIds().isEmpty()) {
            LOG.warning(() -> "no seed of " + config.seedNodes() + " answered within " + LONE_START_GRACE.toSeconds()
                    + " s: serving as the first node; data from the cluster follows by anti-entropy once one answers");
            synchronizer.endBootstrap();
        }
    }

    private void bootstrapped() {
        mode.leaveSyncing();
    }

    private SyncSettings syncSettings() {
        return new SyncSettings(Duration.ofSeconds(config.syncInterval()), Duration.ofSeconds(config.catchupInterval()),
                BOOTSTRAP_RETRY, Duration.ofHours(config.bootstrapMaxAgeHours()),
                Duration.ofHours(config.tombstoneGcHours()), TOMBSTONE_SWEEP);
    }

    /** The tree listens before the scan starts, so a write racing with it is in the tree either way. */
    private synchronized void buildTreeOnce() {
        if (treeBuilt) {
            return;
        }
        store.addListener(tree);
        String next = null;
        do {
            var page = store.versions(next, INITIAL_SCAN_PAGE);
            page.items().forEach(version -> tree.update(KeyVersion.of(version)));
            next = page.nextStartKey();
        } while (next != null);
        LOG.fine(() -> "Merkle tree built over " + tree.keyCount() + " keys");
        treeBuilt = true;
    }

    /** Where peers reach this node: the bind address, or this host's address when bound to every interface. */
    private String advertisedAddress() {
        String host = config.bindAddress();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                host = "127.0.0.1";
            }
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port();
    }
}
