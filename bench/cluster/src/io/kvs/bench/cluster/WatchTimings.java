package io.kvs.bench.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watch (SPEC §7) figures. {@code hold} opens many watches on one node, on keys nothing writes, and keeps them open
 * until a file appears, so the script can measure GET/PUT throughput beside them. {@code latency} opens one watch on
 * the writer and one on each peer, writes new keys to the writer at a fixed rate, and measures for each acknowledged
 * write the time until each watch received its event: locally that is the watch's own delay, on a peer it is the
 * replication lag plus that delay. Every stream is read by the HTTP client's own threads (a line subscriber), so a
 * thousand open watches cost this process no thread each.
 */
final class WatchTimings {

    private static final Pattern KEY = Pattern.compile("\"key\":\"[^\"]*/k(\\d{8})\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /** Opens {@code count} watches on {@code node}; prints RESULT once all are open, returns when untilFile exists. */
    void hold(String node, int count, Path untilFile) throws InterruptedException {
        CountDownLatch opened = new CountDownLatch(count);
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            URI watch = URI.create(node + "/kv/_watch?key=bench-idle/" + i);
            streams.add(client.sendAsync(HttpRequest.newBuilder(watch).build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(line -> {
                        if (line.startsWith(": watching")) {
                            opened.countDown();
                        }
                    }))));
        }
        if (!opened.await(120, TimeUnit.SECONDS)) {
            System.out.println("RESULT failed=1 open=" + (count - opened.getCount()));
            return;
        }
        System.out.printf(Locale.ROOT, "RESULT watchers=%d open_ms=%s%n", count,
                Clock.millis(Clock.millisSince(start, System.nanoTime())));
        System.out.flush();
        while (!Files.exists(untilFile)) {
            Clock.pause(Duration.ofMillis(100));
        }
        long failed = streams.stream().filter(CompletableFuture::isDone).count();
        Clock.log("closing " + count + " watches (" + failed + " had ended early)");
        streams.forEach(stream -> stream.cancel(true));
    }

    /** Writes {@code writes} new keys at {@code rate}/s to the writer; prints one RESULT line per watched node. */
    void latency(NodeApi api, String writer, List<String> peers, int writes, double rate, String prefix,
                 Duration timeout) throws InterruptedException {
        List<String> nodes = new ArrayList<>();
        nodes.add(writer);
        nodes.addAll(peers);
        List<Map<Integer, Long>> received = new ArrayList<>();
        CountDownLatch opened = new CountDownLatch(nodes.size());
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        for (String node : nodes) {
            Map<Integer, Long> seen = new ConcurrentHashMap<>();
            received.add(seen);
            URI watch = URI.create(node + "/kv/_watch?prefix="
                    + URLEncoder.encode(prefix + "/", StandardCharsets.UTF_8));
            streams.add(client.sendAsync(HttpRequest.newBuilder(watch).build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(line -> {
                        if (line.startsWith(": watching")) {
                            opened.countDown();
                        } else if (line.startsWith("data: ")) {
                            Matcher key = KEY.matcher(line);
                            if (key.find()) {
                                seen.putIfAbsent(Integer.parseInt(key.group(1)), System.nanoTime());
                            }
                        }
                    }))));
        }
        if (!opened.await(60, TimeUnit.SECONDS)) {
            System.out.println("RESULT failed=1");
            return;
        }
        ExecutorService workers = Executors.newCachedThreadPool();
        List<CompletableFuture<NodeApi.Answer>> acks = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            long due = start + (long) (i * 1e9 / rate);
            Clock.pause(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
            String url = writer + "/kv/" + String.format(Locale.ROOT, "%s/k%08d", prefix, i);
            acks.add(CompletableFuture.supplyAsync(() -> api.put(url, "{\"note\":\"watch latency probe\"}"),
                    workers));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && received.stream().anyMatch(seen -> seen.size() < writes)) {
            Clock.pause(Duration.ofMillis(20));
        }
        workers.shutdownNow();
        streams.forEach(stream -> stream.cancel(true));
        for (int n = 0; n < nodes.size(); n++) {
            List<Double> samples = new ArrayList<>();
            int missing = 0;
            for (int i = 0; i < writes; i++) {
                NodeApi.Answer ack = acks.get(i).join();
                Long at = received.get(n).get(i);
                if (!ack.ok()) {
                    continue;
                }
                if (at == null) {
                    missing++;
                    samples.add((double) timeout.toMillis());
                } else {
                    samples.add(Math.max(0, Clock.millisSince(ack.receivedAt(), at)));
                }
            }
            Percentiles delay = new Percentiles(samples);
            System.out.printf(Locale.ROOT, "RESULT watch=%s events=%d p50_ms=%s p99_ms=%s max_ms=%s missing=%d%n",
                    n == 0 ? "writer" : "peer" + n, delay.count(), Clock.millis(delay.at(50)),
                    Clock.millis(delay.at(99)), Clock.millis(delay.max()), missing);
        }
    }

    /** Hands each line of a stream to {@code onLine}, on the HTTP client's threads. */
    private record Lines(java.util.function.Consumer<String> onLine) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            onLine.accept(line);
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }
}
