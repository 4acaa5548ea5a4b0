package io.kvs.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replication lag: writes new keys to one node at a fixed rate and, from each write's acknowledgement, polls every
 * peer for that key (about every millisecond, one poller per peer and key) until the peer answers with the written
 * version. A key's lag is the time from the acknowledgement to the answer that showed it on the LAST peer; a key not
 * seen everywhere within the timeout counts as the timeout. The figure includes one poll's round trip (~1 ms).
 */
final class ReplicationLag {

    private static final Duration POLL_PERIOD = Duration.ofMillis(1);

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
        List<CompletableFuture<Double>> lags = new ArrayList<>();
        if (load != null) {
            load.start();
        }
        long start = System.nanoTime();
        try {
            // Each write goes out on its own worker at its due time, so a slow answer does not delay the next one.
            for (int i = 0; i < writes; i++) {
                long due = start + (long) (i * 1e9 / rate);
                Clock.pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
                String path = "/kv/" + prefix + "/k" + i;
                String body = "{\"seq\":" + i + ",\"note\":\"replication lag probe\"}";
                lags.add(CompletableFuture.supplyAsync(() -> api.put(writer + path, body), workers)
                        .thenCompose(ack -> ack.ok() ? lagOf(path, ack, workers)
                                : CompletableFuture.completedFuture(Double.NaN)));
            }
            CompletableFuture.allOf(lags.toArray(CompletableFuture[]::new)).join();
        } finally {
            if (load != null) {
                load.stop();
            }
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> all = lags.stream().map(CompletableFuture::join).toList();
        List<Double> samples = all.stream().filter(ms -> !ms.isNaN()).toList();
        Percentiles lag = new Percentiles(samples);
        long timedOut = samples.stream().filter(ms -> ms >= timeout.toMillis()).count();
        System.out.printf(Locale.ROOT, "RESULT keys=%d p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s timeouts=%d"
                        + " failed_writes=%d write_rate=%.1f%s%n", lag.count(), Clock.millis(lag.at(50)),
                Clock.millis(lag.at(90)), Clock.millis(lag.at(99)), Clock.millis(lag.max()), timedOut,
                all.size() - samples.size(), all.size() / seconds, load == null ? "" : " " + load.summary(seconds));
    }

    /** The lag of one acknowledged write: until the LAST peer showed it. */
    private CompletableFuture<Double> lagOf(String path, NodeApi.Answer ack, ExecutorService workers) {
        String etag = "\"" + NodeApi.uuidOf(ack) + "\"";
        List<CompletableFuture<Double>> seen = peers.stream()
                .map(peer -> CompletableFuture.supplyAsync(() -> visibleAfter(peer + path, etag, ack), workers))
                .toList();
        return CompletableFuture.allOf(seen.toArray(CompletableFuture[]::new))
                .thenApply(done -> seen.stream().mapToDouble(CompletableFuture::join).max().orElseThrow());
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
