package io.kvs.cluster.membership;

import io.kvs.cluster.ManualScheduler;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Nodes running the real {@link Gossiper} and {@link MemberTable} over an in-memory network on a manual clock:
 * nodes can be killed (connections refused), frozen (requests time out, timers wait), slowed, restarted and
 * partitioned.
 */
final class SimulatedCluster {

    static final long SUSPECT_TIMEOUT = 2_000;
    static final long REMOVE_TIMEOUT = 30_000;
    static final GossipSettings SETTINGS = GossipSettings.defaults(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final long NETWORK_DELAY = 1;

    final ManualScheduler clock = new ManualScheduler(1_700_000_000_000L);
    private final Map<String, Node> byAddress = new HashMap<>();
    private final Set<Set<String>> brokenLinks = new HashSet<>();
    private final Random random = new Random(11);

    final class Node {
        final String id;
        final String address;
        final PausableScheduler scheduler = new PausableScheduler(clock);
        MemberTable table;
        Gossiper gossiper;
        int changes;
        boolean down = true;
        long answerDelay;

        Node(String id, String address) {
            this.id = id;
            this.address = address;
        }

        void start(List<String> seeds) {
            table = new MemberTable(new MemberState(id, address, 0, MemberStatus.ALIVE, clock.now()), SUSPECT_TIMEOUT,
                    REMOVE_TIMEOUT, clock::now, new Random(random.nextLong()));
            gossiper = new Gossiper(table, new Transport(this), seeds, SETTINGS, scheduler,
                    new Random(random.nextLong()), () -> changes++);
            down = false;
            gossiper.start();
        }

        void kill() {
            down = true;
            gossiper.stop();
        }

        void freeze() {
            scheduler.pause();
        }

        void thaw() {
            scheduler.resume();
        }

        boolean frozen() {
            return scheduler.isPaused();
        }

        /** The ids this node lists with the given status. */
        Set<String> sees(MemberStatus status) {
            Set<String> ids = new HashSet<>();
            table.inCluster().stream().filter(e -> e.member().status() == status)
                    .forEach(e -> ids.add(e.member().id()));
            return ids;
        }

        MemberState viewOf(String otherId) {
            return table.get(otherId).orElseThrow().member();
        }
    }

    Node add(String id) {
        Node node = new Node(id, "127.0.0.1:" + (18600 + byAddress.size()));
        byAddress.put(node.address, node);
        return node;
    }

    void breakLink(Node a, Node b) {
        brokenLinks.add(Set.of(a.address, b.address));
    }

    void partition(List<Node> side, List<Node> other) {
        side.forEach(a -> other.forEach(b -> breakLink(a, b)));
    }

    void heal() {
        brokenLinks.clear();
    }

    void run(Duration duration) {
        clock.advance(duration.toMillis());
    }

    /** Runs until {@code condition} holds, at most {@code limit}; returns how long it took. */
    Duration runUntil(Supplier<Boolean> condition, Duration limit) {
        long start = clock.now();
        while (!condition.get() && clock.now() - start < limit.toMillis()) {
            clock.advance(50);
        }
        if (!condition.get()) {
            throw new AssertionError("condition not reached within " + limit);
        }
        return Duration.ofMillis(clock.now() - start);
    }

    private final class Transport implements MemberTransport {
        private final Node from;

        Transport(Node from) {
            this.from = from;
        }

        @Override
        public CompletableFuture<Gossip> exchange(String address, Gossip ours, Duration timeout) {
            return call(address, timeout, to -> to.gossiper.receive(ours));
        }

        @Override
        public CompletableFuture<Boolean> probeThrough(String helperAddress, MemberState target, Duration timeout) {
            return call(helperAddress, timeout, to -> to.gossiper.probeFor(target)).thenCompose(answer -> answer);
        }

        private <T> CompletableFuture<T> call(String address, Duration timeout,
                                              Function<Node, T> handler) {
            CompletableFuture<T> reply = new CompletableFuture<>();
            Node to = byAddress.get(address);
            if (to == null || to.down) {
                from.scheduler.schedule(() -> fail(reply, new ConnectException("refused")),
                        NETWORK_DELAY, TimeUnit.MILLISECONDS);
                return reply;
            }
            boolean unreachable = brokenLinks.contains(Set.of(from.address, address));
            from.scheduler.schedule(() -> fail(reply, new HttpTimeoutException("timed out")),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!unreachable) {
                to.scheduler.schedule(() -> {
                    if (!to.down) {
                        T answer = handler.apply(to);
                        from.scheduler.schedule(() -> answer(reply, answer), NETWORK_DELAY, TimeUnit.MILLISECONDS);
                    }
                }, NETWORK_DELAY + to.answerDelay, TimeUnit.MILLISECONDS);
            }
            return reply;
        }

        private static <T> void fail(CompletableFuture<T> reply, Exception failure) {
            reply.completeExceptionally(failure);
        }

        private static <T> void answer(CompletableFuture<T> reply, T answer) {
            reply.complete(answer);
        }
    }
}
