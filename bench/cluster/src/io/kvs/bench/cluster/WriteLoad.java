package io.kvs.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady background write load spread over the nodes: {@code connections} threads, each writing to one node in
 * turn at its share of {@code rate} writes per second, over a key space of {@code keys} keys. Fixed-rate rather than
 * as-fast-as-possible, so that runs on a shared 2-core machine load the cluster alike.
 */
final class WriteLoad {

    private final NodeApi api;
    private final List<String> nodes;
    private final double rate;
    private final int connections;
    private final int keys;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    WriteLoad(NodeApi api, List<String> nodes, double rate, int connections, int keys) {
        this.api = api;
        this.nodes = nodes;
        this.rate = rate;
        this.connections = connections;
        this.keys = keys;
    }

    void start() {
        running = true;
        for (int c = 0; c < connections; c++) {
            String node = nodes.get(c % nodes.size());
            Thread thread = new Thread(() -> writeLoop(node), "write-load-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    String summary(double seconds) {
        return String.format(Locale.ROOT, "load_rate=%.1f load_failed=%d", written.get() / seconds, failed.get());
    }

    private void writeLoop(String node) {
        long period = (long) (1e9 * connections / rate);
        long next = System.nanoTime();
        while (running) {
            Clock.pause(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
            // A thread that fell behind (a slow answer) resumes the pace instead of bursting to catch up.
            next = Math.max(next + period, System.nanoTime() - period);
            int key = ThreadLocalRandom.current().nextInt(keys);
            NodeApi.Answer answer = api.put(node + "/kv/load/k" + key,
                    "{\"key\":" + key + ",\"note\":\"background write load\",\"at\":" + System.currentTimeMillis() + "}");
            (answer.ok() ? written : failed).incrementAndGet();
        }
    }
}
