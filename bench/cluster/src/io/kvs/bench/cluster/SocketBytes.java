package io.kvs.bench.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Node-to-node traffic from the kernel's own per-socket counters: every {@code period}, {@code ss -tinp} lists the
 * established TCP connections whose peer is one of the node ports; those opened by one of the node processes are
 * the nodes' outgoing HTTP connections to each other (the benchmark's own connections belong to another process and
 * are left out). bytes_sent + bytes_received of such a client socket is its request and answer bytes (HTTP headers and
 * bodies; no TCP/IP headers). The totals form a timeline, so a window can be cut out of it afterwards. A connection
 * opened and closed between two samples would be missed; the nodes' HTTP client keeps its connections open.
 */
final class SocketBytes implements AutoCloseable {

    record Sample(long at, long bytes) {
    }

    private static final Pattern PID = Pattern.compile("pid=(\\d+),");
    private static final Pattern COUNTER = Pattern.compile("\\b(bytes_sent|bytes_received):(\\d+)");

    private final Set<Long> pids;
    private final List<String> command;
    private final Duration period;
    private final Map<String, Long> firstSeen = new HashMap<>();
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final List<Sample> timeline = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private boolean first = true;

    SocketBytes(Set<Long> pids, List<Integer> nodePorts, Duration period) {
        this.pids = pids;
        this.period = period;
        String filter = nodePorts.stream().map(port -> "dport = :" + port).collect(Collectors.joining(" or "));
        this.command = List.of("ss", "-tinpH", "state", "established", "( " + filter + " )");
        sample();
        sampler = new Thread(this::sampleLoop, "socket-bytes");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Bytes counted between the last sample at or before {@code from} and the first at or after {@code to}. */
    synchronized long between(long from, long to) {
        return atOrAfter(to).bytes() - atOrBefore(from).bytes();
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sampleLoop() {
        while (running) {
            Clock.pause(period);
            sample();
        }
    }

    private void sample() {
        Map<String, Long> counters = read();
        long now = System.nanoTime();
        synchronized (this) {
            counters.forEach((socket, bytes) -> {
                // Connections already open at the start count from there; later ones from their first byte.
                firstSeen.putIfAbsent(socket, first ? bytes : 0L);
                lastSeen.put(socket, bytes);
            });
            first = false;
            long total = 0;
            for (Map.Entry<String, Long> socket : lastSeen.entrySet()) {
                total += socket.getValue() - firstSeen.get(socket.getKey());
            }
            timeline.add(new Sample(now, total));
        }
    }

    /** Counter sums of the nodes' client sockets, by "local peer" address pair. */
    private Map<String, Long> read() {
        Map<String, Long> counters = new HashMap<>();
        try {
            Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(ss.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String socket = null;
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    if (!Character.isWhitespace(line.charAt(0))) {
                        Matcher pid = PID.matcher(line);
                        String[] columns = line.trim().split("\\s+");
                        socket = pid.find() && pids.contains(Long.parseLong(pid.group(1)))
                                ? columns[2] + " " + columns[3] : null;
                    } else if (socket != null) {
                        long bytes = 0;
                        Matcher counter = COUNTER.matcher(line);
                        while (counter.find()) {
                            bytes += Long.parseLong(counter.group(2));
                        }
                        counters.put(socket, bytes);
                    }
                }
            }
            ss.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ss (iproute2): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counters;
    }

    private Sample atOrBefore(long at) {
        Sample found = timeline.get(0);
        for (Sample sample : timeline) {
            if (sample.at() > at) {
                break;
            }
            found = sample;
        }
        return found;
    }

    private Sample atOrAfter(long at) {
        for (Sample sample : timeline) {
            if (sample.at() >= at) {
                return sample;
            }
        }
        return timeline.get(timeline.size() - 1);
    }
}
