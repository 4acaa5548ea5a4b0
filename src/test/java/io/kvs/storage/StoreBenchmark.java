package io.kvs.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Micro-benchmark of the engine (not a test): durable puts from 32 blocking callers, gets, and open time with a
 * million keys after a clean and an unclean close. Run by hand, see bench/storage/README.md.
 */
public final class StoreBenchmark {

    private static final int CALLERS = 32;
    /** ZSTD on or off for every store here; off unless the fourth argument is {@code zstd}. */
    private static boolean compression;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-storage");
        int puts = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int openKeys = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        compression = args.length > 3 && args[3].equals("zstd");
        delete(dir);
        putsAndGets(dir.resolve("puts"), puts);
        openTimes(dir.resolve("open"), openKeys);
        delete(dir);
    }

    private static StoreSettings settings(Path dir, boolean fsync, long capacity) {
        return new StoreSettings(dir, fsync, compression, 3, 10, capacity, 64L << 20, 0.5, 7L * 24 * 3600 * 1000,
                "bench-node", 1L, System::currentTimeMillis);
    }

    private static byte[] value(int i) {
        return ("{\"id\":" + i + ",\"name\":\"user " + i + "\",\"email\":\"user" + i
                + "@example.com\",\"active\":true,\"role\":\"member\",\"n\":12345}").getBytes(StandardCharsets.UTF_8);
    }

    private static void putsAndGets(Path dir, int n) throws Exception {
        try (Store store = Store.open(settings(dir, true, n), Thread::new)) {
            AtomicLong next = new AtomicLong();
            long start = System.nanoTime();
            runCallers(() -> {
                for (long i; (i = next.getAndIncrement()) < n; ) {
                    store.put("users/" + i + "/profile", value((int) i), 0, Precondition.NONE).join();
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] commits = store.commitsAndForces();
            System.out.printf("puts: %d in %.1f s = %.0f puts/s, %.0f fsyncs/s, %.1f puts per batch (value %d B)%n",
                    n, seconds, n / seconds, commits[1] / seconds, (double) n / commits[0], value(1).length);

            AtomicLong gets = new AtomicLong();
            long until = System.nanoTime() + 10_000_000_000L;
            start = System.nanoTime();
            runCallers(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < until) {
                    store.get("users/" + random.nextInt(n) + "/profile").orElseThrow();
                    gets.incrementAndGet();
                }
            });
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("gets: %.0f gets/s (%d callers)%n", gets.get() / seconds, CALLERS);
        }
    }

    private static void openTimes(Path dir, int n) throws Exception {
        fill(dir, n);
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        Store clean = Store.open(settings(dir, true, n), Thread::new);
        long cleanMillis = (System.nanoTime() - start) / 1_000_000;
        long keySetBytes = usedHeap() - heapBefore;
        System.out.printf("open after clean close: %d ms, %d live keys, heap held by the store %d MB, RSS %s%n",
                cleanMillis, clean.liveKeyCount(), keySetBytes >> 20, rss());
        clean.close();
        Files.delete(dir.resolve("clean-shutdown"));
        start = System.nanoTime();
        try (Store rebuilt = Store.open(settings(dir, true, n), Thread::new)) {
            System.out.printf("open after unclean close (rebuild): %d ms, %d live keys%n",
                    (System.nanoTime() - start) / 1_000_000, rebuilt.liveKeyCount());
        }
    }

    /** In a method of its own, so that no stack slot keeps the filling store reachable while heap is measured. */
    private static void fill(Path dir, int n) throws IOException {
        try (Store store = Store.open(settings(dir, false, n), Thread::new)) {
            List<CompletableFuture<StoredValue>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pending.add(store.put(String.format("users/%08d/profile", i), value(i), 0, Precondition.NONE));
                if (pending.size() == 10_000) {
                    pending.forEach(CompletableFuture::join);
                    pending.clear();
                }
            }
            pending.forEach(CompletableFuture::join);
            System.out.printf("filled %d keys: log %d MB%n", n, store.logBytes() >> 20);
        }
    }

    private static void runCallers(Runnable body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            Thread thread = new Thread(body);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?").replaceAll("\\s+", " ");
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
    }
}
