package io.kvs.bench.cluster;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The bytes of the anti-entropy round that repairs ONE differing key between two nodes that hold the same large data
 * set. To make the key differ without push replication delivering it, the laggard is frozen (SIGSTOP) while the
 * writer takes the write, and stays frozen until the writer has removed it from its member list: that drops the
 * writer's push queue for it, so only anti-entropy can bring the key over. After SIGCONT the laggard rejoins, and a
 * later round (within sync_interval) repairs the key.
 * <p>
 * The round's bytes are those of the node-to-node connections in a window around the moment the key became visible
 * on the laggard, minus the membership traffic (probes, gossip, root comparisons) that flows all the time, at the
 * rate measured over a quiet baseline before the experiment.
 */
final class AntiEntropyBytes {

    private static final Duration VISIBILITY_POLL = Duration.ofMillis(5);

    private final NodeApi api;
    private final String writer;
    private final String laggard;
    private final String laggardId;
    private final long laggardPid;

    AntiEntropyBytes(NodeApi api, String writer, String laggard, String laggardId, long laggardPid) {
        this.api = api;
        this.writer = writer;
        this.laggard = laggard;
        this.laggardId = laggardId;
        this.laggardPid = laggardPid;
    }

    void run(SocketBytes meter, String key, Duration baseline, Duration before, Duration after, Duration timeout,
             Path timelineFile) throws TimeoutException, IOException, InterruptedException {
        new MembershipTimings(api, List.of(writer)).awaitAlive(laggardId, timeout);
        new Convergence(api, List.of(writer, laggard)).awaitEqualRoots(timeout);
        long baselineStart = System.nanoTime();
        Clock.pause(baseline);
        long baselineEnd = System.nanoTime();
        double baselineRate = meter.between(baselineStart, baselineEnd) * 1e9
                / meter.covered(baselineStart, baselineEnd);

        Clock.signal("STOP", laggardPid);
        NodeApi.Answer write = api.put(writer + "/kv/" + key, "{\"note\":\"the one key that differs\"}");
        if (!write.ok()) {
            Clock.signal("CONT", laggardPid);
            throw new IOException("the write to " + writer + " answered " + write.status() + ": " + write.body());
        }
        String etag = "\"" + NodeApi.uuidOf(write) + "\"";
        Clock.log("key written with " + laggardId + " frozen; waiting for the writer to remove it");
        try {
            new MembershipTimings(api, List.of(writer)).awaitRemoval(laggardId, timeout);
        } finally {
            Clock.signal("CONT", laggardPid);
        }
        long resumedAt = System.nanoTime();
        long visibleAt = Clock.await("the key on " + laggardId, () -> {
            NodeApi.Answer answer = api.get(laggard + "/kv/" + key);
            return answer.ok() && etag.equals(answer.etag());
        }, VISIBILITY_POLL, timeout);
        Clock.pause(after.plusMillis(200));

        long from = visibleAt - before.toNanos();
        long to = visibleAt + after.toNanos();
        long window = meter.between(from, to);
        long coveredNanos = meter.covered(from, to);
        long membership = Math.round(baselineRate * coveredNanos / 1e9);
        writeTimeline(meter.timeline(), resumedAt, visibleAt, timelineFile);
        System.out.printf(Locale.ROOT, "RESULT round_bytes=%d window_bytes=%d window_ms=%.0f baseline_bytes_per_s=%.0f"
                        + " resume_to_repair_ms=%.0f resume_to_repair_bytes=%d repaired_by=%s%n",
                window - membership, window, coveredNanos / 1e6, baselineRate,
                Clock.millisSince(resumedAt, visibleAt), meter.between(resumedAt, visibleAt), repairingNode());
    }

    /** Which node's last round repaired a key, from both nodes' GET /sync/status. */
    private String repairingNode() {
        List<String> repairers = new ArrayList<>();
        for (String node : List.of(writer, laggard)) {
            api.syncStatus(node).ifPresent(status -> status.getJsonArray("peers").stream()
                    .map(peer -> (JsonObject) peer)
                    .filter(peer -> peer.getJsonNumber("keys_repaired").longValue() > 0)
                    .forEach(peer -> repairers.add(status.getString("node_id") + "(with " + peer.getString("id")
                            + ")")));
        }
        return repairers.isEmpty() ? "unknown" : String.join("+", repairers);
    }

    /** The timeline around the experiment, relative to the repair, for the record. */
    private static void writeTimeline(List<SocketBytes.Sample> samples, long resumedAt, long visibleAt, Path file)
            throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println("# ms relative to the key becoming visible on the laggard, cumulative node-to-node bytes;"
                    + " the laggard resumed at " + Clock.millis(Clock.millisSince(visibleAt, resumedAt)) + " ms");
            for (SocketBytes.Sample sample : samples) {
                if (sample.at() >= resumedAt - Duration.ofSeconds(2).toNanos()) {
                    out.println(Clock.millis(Clock.millisSince(visibleAt, sample.at())) + "\t" + sample.bytes());
                }
            }
        }
    }
}
