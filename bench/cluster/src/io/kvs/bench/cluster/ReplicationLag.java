package io.kvs.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replication lag: writes new keys to one node at a fixed rate and measures, for each acknowledged write, the time
 * until the LAST peer answers with the written version; a key not seen everywhere within the timeout counts as the
 * timeout. Each peer has ONE poller, which takes the keys in write order: it waits for key i's acknowledgement, asks
 * the peer for key i until it shows that version (a miss waits {@value #POLL_MILLIS} ms before asking again), then
 * moves on to key i + 1. So the measurement costs a peer at most one GET in flight, about one GET per key once the
 * peer keeps up, and never more than ~1,000 GET/s while it lags: it does not load the nodes it measures (an earlier
 * form polled every key in flight every millisecond, thousands of GET/s under lag, and lengthened the tail it
 * measured). A peer receives one node's pushes in write order, so a key found at once was there already; a key's
 * figure includes up to one poll's round trip (~0.3 ms) and, when the key before it lagged, the time that poll took.
 */
final class ReplicationLag {

    private static final int POLL_MILLIS = 1;
    private static final Duration POLL_PERIOD = Duration.ofMillis(POLL_MILLIS);

    private final NodeApi api;
    private final String writer;
    private final List<String> peers;
    private final int writes;
    private final double rate;
    private final String prefix;
    private final Duration timeout;

    ReplicationLag(NodeApi api, String writer, List<String> peers, int writes, double rate, String prefix,
                   Duration timeout) {
        this.api = api;
        this.writer = writer;
        this.peers = peers;
        this.writes = writes;
        this.rate = rate;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    /** Runs the writes, with {@code load} (may be null) running alongside; prints one RESULT line. */
    void run(WriteLoad load) throws InterruptedException {
        ExecutorService workers = Executors.newCachedThreadPool();
        List<CompletableFuture<NodeApi.Answer>> acks = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            acks.add(new CompletableFuture<>());
        }
        List<CompletableFuture<double[]>> pollers = peers.stream()
                .map(peer -> CompletableFuture.supplyAsync(() -> poll(peer, acks), workers)).toList();
        if (load != null) {
            load.start();
        }
        long start = System.nanoTime();
        try {
            // Each write goes out on its own worker at its due time, so a slow answer does not delay the next one.
            for (int i = 0; i < writes; i++) {
                long due = start + (long) (i * 1e9 / rate);
                Clock.pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
                String body = "{\"seq\":" + i + ",\"note\":\"replication lag probe\"}";
                String url = writer + pathOf(i);
                CompletableFuture<NodeApi.Answer> ack = acks.get(i);
                workers.execute(() -> ack.complete(api.put(url, body)));
            }
            CompletableFuture.allOf(pollers.toArray(CompletableFuture[]::new)).join();
        } finally {
            if (load != null) {
                load.stop();
            }
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> samples = new ArrayList<>();
        int failedWrites = 0;
        for (int i = 0; i < writes; i++) {
            if (!acks.get(i).join().ok()) {
                failedWrites++;
                continue;
            }
            int key = i;
            samples.add(pollers.stream().mapToDouble(poller -> poller.join()[key]).max().orElseThrow());
        }
        Percentiles lag = new Percentiles(samples);
        long timedOut = samples.stream().filter(ms -> ms >= timeout.toMillis()).count();
        System.out.printf(Locale.ROOT, "RESULT keys=%d p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s timeouts=%d"
                        + " failed_writes=%d write_rate=%.1f%s%n", lag.count(), Clock.millis(lag.at(50)),
                Clock.millis(lag.at(90)), Clock.millis(lag.at(99)), Clock.millis(lag.max()), timedOut,
                failedWrites, writes / seconds, load == null ? "" : " " + load.summary(seconds));
    }

    private String pathOf(int key) {
        return "/kv/" + prefix + "/k" + key;
    }

    /** One peer's poller: each key's lag in ms, in write order (NaN for a write that was not acknowledged). */
    private double[] poll(String peer, List<CompletableFuture<NodeApi.Answer>> acks) {
        double[] lags = new double[acks.size()];
        for (int i = 0; i < acks.size(); i++) {
            NodeApi.Answer ack = acks.get(i).join();
            lags[i] = ack.ok() ? visibleAfter(peer + pathOf(i), "\"" + NodeApi.uuidOf(ack) + "\"", ack) : Double.NaN;
        }
        return lags;
    }

    /** Milliseconds from the acknowledgement until {@code url} answered with {@code etag}; the timeout if never. */
    private double visibleAfter(String url, String etag, NodeApi.Answer ack) {
        long deadline = ack.receivedAt() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            NodeApi.Answer answer = api.get(url);
            if (answer.ok() && etag.equals(answer.etag())) {
                return Math.max(0, Clock.millisSince(ack.receivedAt(), answer.receivedAt()));
            }
            Clock.pause(POLL_PERIOD);
        }
        return timeout.toMillis();
    }
}
