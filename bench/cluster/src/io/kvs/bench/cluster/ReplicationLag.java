package io.kvs.bench.cluster;

import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replication lag: writes new keys to one node at a fixed rate and measures, for each acknowledged write, the time
 * until the LAST peer shows it; a key not seen everywhere within the timeout counts as the timeout. Each peer has ONE
 * poller, which lists the run's keys from the first one it has not seen yet ({@code GET /kv/_range}, keys named in
 * write order) and notes when each first appears; with nothing new it waits {@value #POLL_MILLIS} ms. One request
 * thus sees every key that arrived since the last one, so the measurement costs a peer at most one listing in
 * flight, whatever the write rate and however far the peer lags, and does not load the nodes it measures (an earlier
 * form polled every key in flight every millisecond, thousands of GET/s under lag; a one-key-at-a-time poller could
 * not keep up with 500 writes/s on 2 cores and measured its own backlog). The keys are new, so a key listed is the
 * version written. A key's figure includes up to one listing's round trip and pause (~1-3 ms).
 */
final class ReplicationLag {

    private static final int POLL_MILLIS = 2;
    private static final int LISTING_LIMIT = 1000;
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

    private String keyOf(int index) {
        return String.format(Locale.ROOT, "%s/k%08d", prefix, index);
    }

    private String pathOf(int index) {
        return "/kv/" + keyOf(index);
    }

    /** One peer's poller: each key's lag in ms, in write order (NaN for a write that was not acknowledged). */
    private double[] poll(String peer, List<CompletableFuture<NodeApi.Answer>> acks) {
        int count = acks.size();
        long[] seenAt = new long[count];
        boolean[] seen = new boolean[count];
        long deadline = System.nanoTime() + timeout.toNanos() + (long) (count * 1e9 / rate);
        String listing = peer + "/kv/_range?limit=" + LISTING_LIMIT + "&prefix="
                + URLEncoder.encode(prefix + "/", StandardCharsets.UTF_8) + "&start_key=";
        int next = 0;
        while (next < count && System.nanoTime() < deadline) {
            NodeApi.Answer answer = api.get(listing + URLEncoder.encode(keyOf(next), StandardCharsets.UTF_8));
            boolean progress = false;
            if (answer.ok()) {
                for (JsonValue item : NodeApi.object(answer.body()).getJsonArray("items")) {
                    int index = indexOf(item.asJsonObject().getString("key"));
                    if (index >= 0 && index < count && !seen[index]) {
                        seen[index] = true;
                        seenAt[index] = answer.receivedAt();
                        progress = true;
                    }
                }
            }
            while (next < count && (seen[next] || (acks.get(next).isDone() && !acks.get(next).join().ok()))) {
                next++;
            }
            if (!progress) {
                Clock.pause(POLL_PERIOD);
            }
        }
        double[] lags = new double[count];
        for (int i = 0; i < count; i++) {
            NodeApi.Answer ack = acks.get(i).join();
            lags[i] = !ack.ok() ? Double.NaN
                    : seen[i] ? Math.max(0, Clock.millisSince(ack.receivedAt(), seenAt[i])) : timeout.toMillis();
        }
        return lags;
    }

    private int indexOf(String key) {
        int at = key.lastIndexOf("/k");
        try {
            return key.startsWith(prefix + "/") && at >= 0 ? Integer.parseInt(key.substring(at + 2)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
