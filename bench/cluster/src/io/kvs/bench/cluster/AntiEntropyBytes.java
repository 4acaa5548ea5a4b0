package io.kvs.bench.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * The bytes of the anti-entropy round that repairs ONE differing key between two nodes that hold the same large data
 * set. To make the key differ without push replication delivering it, the laggard is frozen (SIGSTOP) and the key is
 * written only once the writer has removed the laggard from its members, so the writer has no push queue for it
 * (writing while it is merely frozen would not do: the push request would wait in the frozen process's socket
 * buffer and be applied on SIGCONT). After SIGCONT the laggard rejoins, and a round repairs the key.
 * <p>
 * The bytes come from a packet capture of the two node ports ({@link HttpCapture}), by HTTP request: the internal
 * {@code /sync/*} calls are anti-entropy (no client writes happen meanwhile, so no push replication), the
 * {@code POST /members/*} calls are membership, the rest is this tool's own polling. The repairing round is the burst of
 * anti-entropy calls around the moment the key became visible on the laggard: calls less than {@link #ROUND_GAP}
 * apart belong to one round (rounds are at least catchup_interval, 5 s, apart).
 */
final class AntiEntropyBytes {

    private static final Duration VISIBILITY_POLL = Duration.ofMillis(5);
    private static final Duration ROUND_GAP = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofSeconds(10);

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

    void run(HttpCapture capture, String key, Duration timeout)
            throws TimeoutException, IOException, InterruptedException {
        long quietStart = System.nanoTime();
        Clock.pause(QUIET);
        long quietEnd = System.nanoTime();
        Clock.signal("STOP", laggardPid);
        long resumedAt;
        String etag;
        try {
            Clock.log(laggardId + " frozen; waiting for the writer to remove it");
            new MembershipTimings(api, List.of(writer)).awaitRemoval(laggardId, timeout);
            NodeApi.Answer write = api.put(writer + "/kv/" + key, "{\"note\":\"the one key that differs\"}");
            if (!write.ok()) {
                throw new IOException("the write to " + writer + " answered " + write.status() + ": " + write.body());
            }
            etag = "\"" + NodeApi.uuidOf(write) + "\"";
        } finally {
            resumedAt = Clock.signal("CONT", laggardPid);
        }
        long visibleAt = Clock.await("the key on " + laggardId, () -> {
            NodeApi.Answer answer = api.get(laggard + "/kv/" + key);
            return answer.ok() && etag.equals(answer.etag());
        }, VISIBILITY_POLL, timeout);
        Clock.pause(ROUND_GAP);
        List<HttpCapture.Segment> segments = capture.segments();

        long membership = segments.stream().filter(s -> s.at() >= quietStart && s.at() < quietEnd)
                .filter(s -> s.call().startsWith("POST /members/")).mapToLong(HttpCapture.Segment::bytes).sum();
        List<HttpCapture.Segment> round = repairingRound(segments.stream()
                .filter(s -> s.at() >= resumedAt && s.call().contains(" /sync/")).toList(), visibleAt);
        Map<String, long[]> byCall = new TreeMap<>();
        for (HttpCapture.Segment segment : round) {
            long[] figures = byCall.computeIfAbsent(segment.call(), call -> new long[2]);
            figures[0] += segment.request() && startsRequest(segment, round) ? 1 : 0;
            figures[1] += segment.bytes();
        }
        byCall.forEach((call, figures) -> Clock.log(String.format(Locale.ROOT, "%-32s %3d requests %8d bytes",
                call, figures[0], figures[1])));
        long bytes = round.stream().mapToLong(HttpCapture.Segment::bytes).sum();
        long requests = byCall.values().stream().mapToLong(figures -> figures[0]).sum();
        double roundMs = round.isEmpty() ? 0 : Clock.millisSince(round.get(0).at(), round.get(round.size() - 1).at());
        System.out.printf(Locale.ROOT, "RESULT round_bytes=%d round_requests=%d round_ms=%.0f resume_to_repair_ms=%.0f"
                        + " membership_bytes_per_s=%.0f%n", bytes, requests, roundMs,
                Clock.millisSince(resumedAt, visibleAt), membership * 1e9 / (quietEnd - quietStart));
    }

    /** The anti-entropy calls of the round that made the key visible: the last burst starting before visibility. */
    private static List<HttpCapture.Segment> repairingRound(List<HttpCapture.Segment> sync, long visibleAt) {
        List<List<HttpCapture.Segment>> rounds = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (HttpCapture.Segment segment : sync) {
            if (rounds.isEmpty() || segment.at() - previous > ROUND_GAP.toNanos()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(rounds.size() - 1).add(segment);
            previous = segment.at();
        }
        List<HttpCapture.Segment> found = List.of();
        for (List<HttpCapture.Segment> round : rounds) {
            if (round.get(0).at() <= visibleAt) {
                found = round;
            }
        }
        return found;
    }

    /** Whether this request segment is the first of its request (a large body spans several segments). */
    private static boolean startsRequest(HttpCapture.Segment segment, List<HttpCapture.Segment> round) {
        int index = round.indexOf(segment);
        for (int i = index - 1; i >= 0; i--) {
            HttpCapture.Segment earlier = round.get(i);
            if (earlier.connection().equals(segment.connection())) {
                return !earlier.request() || !earlier.call().equals(segment.call());
            }
        }
        return true;
    }
}
