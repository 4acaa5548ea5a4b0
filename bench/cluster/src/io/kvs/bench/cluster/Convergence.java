package io.kvs.bench.cluster;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * When the nodes hold the same data: equal Merkle roots ({@code GET /sync/merkle/root}) on every node. The root
 * covers every key and tombstone, so equal roots mean equal data, and it is one cheap request per node.
 */
final class Convergence {

    private static final Duration POLL_PERIOD = Duration.ofMillis(20);
    private static final int PAGE = 10_000;

    private final NodeApi api;
    private final List<String> nodes;

    Convergence(NodeApi api, List<String> nodes) {
        this.api = api;
        this.nodes = nodes;
    }

    /** Waits for equal roots; prints how long it took and the tree's key count. */
    void converge(Duration timeout) throws TimeoutException {
        long start = System.nanoTime();
        long equalAt = awaitEqualRoots(timeout);
        System.out.println("RESULT converge_ms=" + Clock.millis(Clock.millisSince(start, equalAt))
                + " key_count=" + api.root(nodes.get(0)).map(NodeApi.Root::keyCount).orElse(-1L));
    }

    /**
     * Sends SIGCONT to the frozen {@code laggard} (process {@code pid}) and times until every root is equal, which
     * includes the laggard noticing it was away and rejoining (also reported: until every other node lists it alive
     * again). Also reports what the other nodes thought of the laggard just before it resumed (alive, suspect, or
     * absent once removed) and how many keys under {@code prefix} it holds afterwards.
     */
    void catchUp(long pid, String laggard, String laggardId, String prefix, Duration timeout)
            throws TimeoutException, IOException, InterruptedException {
        List<String> others = nodes.stream().filter(node -> !node.equals(laggard)).toList();
        String stateBefore = others.stream()
                .map(node -> api.members(node).flatMap(members -> members.stream()
                        .filter(m -> m.id().equals(laggardId)).findFirst().map(NodeApi.Member::status))
                        .orElse("absent"))
                .distinct().sorted().reduce((a, b) -> a + "+" + b).orElse("-");
        long resumedAt = Clock.signal("CONT", pid);
        long[] rejoinedAt = {0};
        long equalAt = Clock.await("equal Merkle roots", () -> {
            if (rejoinedAt[0] == 0 && others.stream().allMatch(node -> api.members(node).map(members -> members
                    .stream().anyMatch(m -> m.id().equals(laggardId) && m.alive())).orElse(false))) {
                rejoinedAt[0] = System.nanoTime();
            }
            return rootsEqual();
        }, POLL_PERIOD, timeout);
        System.out.println("RESULT catchup_ms=" + Clock.millis(Clock.millisSince(resumedAt, equalAt))
                + " alive_again_ms=" + (rejoinedAt[0] == 0 ? "-" : Clock.millis(Clock.millisSince(resumedAt,
                rejoinedAt[0]))) + " laggard_was=" + stateBefore + " keys_held=" + liveKeys(laggard, prefix));
    }

    long awaitEqualRoots(Duration timeout) throws TimeoutException {
        return Clock.await("equal Merkle roots", this::rootsEqual, POLL_PERIOD, timeout);
    }

    private boolean rootsEqual() {
        String first = null;
        for (String node : nodes) {
            Optional<NodeApi.Root> root = api.root(node);
            if (root.isEmpty() || (first != null && !first.equals(root.get().hash()))) {
                return false;
            }
            first = root.get().hash();
        }
        return true;
    }

    /** Live keys under {@code prefix} on {@code node}, by paging through GET /kv/_range; -1 if it does not answer. */
    long liveKeys(String node, String prefix) {
        long count = 0;
        String start = null;
        do {
            String url = node + "/kv/_range?limit=" + PAGE + "&prefix=" + encode(prefix)
                    + (start == null ? "" : "&start_key=" + encode(start));
            NodeApi.Answer answer = api.get(url);
            if (!answer.ok()) {
                return -1;
            }
            JsonObject page = NodeApi.object(answer.body());
            count += page.getJsonArray("items").size();
            JsonValue next = page.get("next_start_key");
            start = next == null || next.getValueType() == JsonValue.ValueType.NULL ? null
                    : page.getString("next_start_key");
        } while (start != null);
        return count;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
