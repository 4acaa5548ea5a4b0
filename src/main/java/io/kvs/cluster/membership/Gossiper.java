package io.kvs.cluster.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The membership protocol's one orchestrator, owning its schedule (SWIM with push-pull gossip):
 * <ul>
 *   <li>every probe interval, one member in rotation is probed by a gossip exchange; if it does not answer, a few
 *       others are asked to probe it; if none reaches it, it is suspected and the suspicion is gossiped at once;</li>
 *   <li>every gossip interval, this node's view goes to 1–{@code gossipFanout} random members and theirs comes
 *       back; now and then a seed or dead member outside the cluster is tried, to heal partitions;</li>
 *   <li>joining is one exchange with any seed, retried until one answers; leaving tells every member at once.</li>
 * </ul>
 * Every exchange carries the whole member list both ways, so a suspected member learns of the suspicion from the
 * very probe that doubts it and refutes it in its answer. {@code onChange} runs after any change of the table.
 */
public final class Gossiper {

    private static final Logger LOG = Logger.getLogger(Gossiper.class.getName());

    private final MemberTable table;
    private final MemberTransport transport;
    private final List<String> seeds;
    private final GossipSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Random random;
    private final Runnable onChange;
    private final ProbeRotation rotation;
    private final AtomicInteger rounds = new AtomicInteger();
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    private volatile boolean running;

    public Gossiper(MemberTable table, MemberTransport transport, List<String> seeds, GossipSettings settings,
                    ScheduledExecutorService scheduler, Random random, Runnable onChange) {
        this.table = table;
        this.transport = transport;
        this.seeds = seeds.stream().filter(seed -> !seed.equals(table.self().address())).toList();
        this.settings = settings;
        this.scheduler = scheduler;
        this.random = random;
        this.onChange = onChange;
        this.rotation = new ProbeRotation(random);
    }

    /** Starts probing and gossiping and, with seeds, joins through the first one that answers. */
    public void start() {
        running = true;
        if (seeds.isEmpty()) {
            joined.complete(null);
        } else {
            attemptJoin();
        }
        later(this::probeLoop, settings.probeInterval());
        later(this::gossipLoop, gossipDelay());
    }

    /** Completes once a seed has answered (at once without seeds): the node then knows the cluster. */
    public CompletableFuture<Void> joined() {
        return joined;
    }

    public void stop() {
        running = false;
    }

    /**
     * Leaves the cluster: every member is told at once and drops this node, instead of waiting for the failure
     * detector. Completes when each has answered or timed out.
     */
    public CompletableFuture<Void> leave() {
        List<MemberState> peers = table.peers(m -> m.status().isInCluster());
        MemberState left = table.leave();
        running = false;
        LOG.info(() -> "leaving the cluster, telling " + peers.size() + " members");
        onChange.run();
        Gossip farewell = new Gossip(left.id(), List.of(left));
        return CompletableFuture.allOf(peers.stream()
                .map(peer -> safely(() -> transport.exchange(peer.address(), farewell, settings.probeTimeout()))
                        .handle((reply, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    /** Another node's gossip arrived: merge it and answer with this node's view. */
    public Gossip receive(Gossip theirs) {
        absorb(theirs);
        return ourGossip();
    }

    /** A member asks this node to probe {@code target} on its behalf; true when the target answered. */
    public CompletableFuture<Boolean> probeFor(MemberState target) {
        return safely(() -> transport.exchange(target.address(), ourGossip(), settings.probeTimeout()))
                .handle((reply, failure) -> {
                    if (failure != null) {
                        return false;
                    }
                    absorb(reply);
                    return reply.from().equals(target.id());
                });
    }

    /** One probe period: apply the timeouts, then probe the next member in rotation. */
    void probeOnce() {
        List<MemberState> dead = table.expire();
        if (!dead.isEmpty()) {
            dead.forEach(m -> LOG.warning(() -> "member " + m.id() + " at " + m.address() + " declared dead"));
            onChange.run();
        }
        rotation.next(table.peers(m -> m.status().isInCluster())).ifPresent(this::probe);
    }

    /** One gossip period: exchange views with a few random members, and now and then reach out of the cluster. */
    void gossipRound() {
        int fanout = 1 + random.nextInt(settings.gossipFanout());
        table.randomPeers(fanout, m -> m.status().isInCluster()).forEach(peer -> exchangeWith(peer.address()));
        if (rounds.incrementAndGet() % settings.reconnectRounds() == 0) {
            reconnect();
        }
    }

    private void probe(MemberState target) {
        safely(() -> transport.exchange(target.address(), ourGossip(), settings.probeTimeout()))
                .whenComplete((reply, failure) -> {
                    if (failure == null) {
                        absorb(reply);
                    }
                    if (failure != null || !reply.from().equals(target.id())) {
                        probeIndirectly(target);
                    }
                });
    }

    private void probeIndirectly(MemberState target) {
        List<MemberState> helpers = table.randomPeers(settings.indirectProbes(),
                m -> m.status() == MemberStatus.ALIVE && !m.id().equals(target.id()));
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (MemberState helper : helpers) {
            answers.add(safely(() -> transport.probeThrough(helper.address(), target,
                    settings.probeTimeout().multipliedBy(2))).exceptionally(failure -> false));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenRun(() -> {
            if (answers.stream().anyMatch(CompletableFuture::join)) {
                table.heardFrom(target.id());
            } else {
                suspect(target);
            }
        });
    }

    private void suspect(MemberState target) {
        table.suspect(target.id()).ifPresent(suspect -> {
            LOG.warning(() -> "member " + suspect.id() + " at " + suspect.address() + " is not answering: suspect");
            onChange.run();
            gossipRound();
        });
    }

    private void reconnect() {
        Set<String> reachable = new HashSet<>();
        reachable.add(table.self().address());
        table.peers(m -> m.status().isInCluster()).forEach(m -> reachable.add(m.address()));
        List<String> outside = new ArrayList<>(seeds);
        table.peers(m -> m.status() == MemberStatus.DEAD).forEach(m -> outside.add(m.address()));
        outside.removeIf(reachable::contains);
        if (!outside.isEmpty()) {
            exchangeWith(outside.get(random.nextInt(outside.size())));
        }
    }

    private void attemptJoin() {
        if (!running || joined.isDone()) {
            return;
        }
        List<String> order = new ArrayList<>(seeds);
        Collections.shuffle(order, random);
        joinThrough(order, 0).thenAccept(success -> {
            if (success) {
                joined.complete(null);
                LOG.info(() -> "joined the cluster: " + table.aliveCount() + " members alive");
            } else {
                later(this::attemptJoin, settings.joinRetry());
            }
        });
    }

    private CompletableFuture<Boolean> joinThrough(List<String> order, int next) {
        if (next == order.size()) {
            return CompletableFuture.completedFuture(false);
        }
        return safely(() -> transport.exchange(order.get(next), ourGossip(), settings.probeTimeout()))
                .handle((reply, failure) -> {
                    if (failure == null && !reply.from().equals(table.self().id())) {
                        absorb(reply);
                        return CompletableFuture.completedFuture(true);
                    }
                    return joinThrough(order, next + 1);
                })
                .thenCompose(result -> result);
    }

    private void exchangeWith(String address) {
        safely(() -> transport.exchange(address, ourGossip(), settings.probeTimeout())).thenAccept(this::absorb);
    }

    private void absorb(Gossip theirs) {
        if (theirs.from().equals(table.self().id())) {
            return;
        }
        List<MemberState> changed = table.merge(theirs.members());
        table.heardFrom(theirs.from());
        if (!changed.isEmpty()) {
            changed.forEach(m -> LOG.fine(() -> "member " + m.id() + " now " + m.status().wireName()
                    + " at incarnation " + m.incarnation()));
            onChange.run();
        }
    }

    private Gossip ourGossip() {
        return new Gossip(table.self().id(), table.gossip());
    }

    private void probeLoop() {
        if (!running) {
            return;
        }
        try {
            probeOnce();
        } finally {
            later(this::probeLoop, settings.probeInterval());
        }
    }

    private void gossipLoop() {
        if (!running) {
            return;
        }
        try {
            gossipRound();
        } finally {
            later(this::gossipLoop, gossipDelay());
        }
    }

    private Duration gossipDelay() {
        long min = settings.gossipIntervalMin().toMillis();
        long max = settings.gossipIntervalMax().toMillis();
        return Duration.ofMillis(min + (max > min ? random.nextLong(max - min + 1) : 0));
    }

    private void later(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            running = false;
        }
    }

    /** A transport call that throws instead of failing its future is treated as that failure. */
    private static <T> CompletableFuture<T> safely(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
