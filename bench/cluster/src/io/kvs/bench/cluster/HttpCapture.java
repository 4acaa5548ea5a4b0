package io.kvs.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs bench/cluster/http_bytes.py (a packet capture on "lo", root only) while a scenario runs, then reads back its
 * segments. Its timestamps are CLOCK_MONOTONIC nanoseconds, the clock {@link System#nanoTime()} reads on Linux, so
 * they compare directly with the scenario's own instants.
 */
final class HttpCapture implements AutoCloseable {

    /** One TCP segment with data: its connection, whether it went towards the node, its request, its bytes. */
    record Segment(long at, String connection, boolean request, String call, int bytes) {
    }

    private final Process process;
    private final Path file;

    HttpCapture(Path script, List<Integer> ports, Path file) throws IOException {
        this.file = file;
        process = new ProcessBuilder("python3", script.toString(), "--ports",
                ports.get(0) + "," + ports.get(1), "--out", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        if (!"ready".equals(out.readLine())) {
            throw new IOException("the packet capture did not start (it needs root and python3)");
        }
    }

    /** Stops the capture and returns every segment it saw. */
    List<Segment> segments() throws IOException {
        close();
        List<Segment> segments = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] fields = line.split("\t");
            segments.add(new Segment(Long.parseLong(fields[0]), fields[1], "req".equals(fields[2]), fields[3],
                    Integer.parseInt(fields[4])));
        }
        return segments;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
