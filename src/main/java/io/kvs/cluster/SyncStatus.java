package io.kvs.cluster;

import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.membership.MemberStatus;
import io.kvs.cluster.sync.NodeHash;
import io.kvs.cluster.sync.SyncRound;
import io.kvs.cluster.transport.ClusterJson;
import io.kvs.cluster.transport.HttpSyncPeer;
import io.kvs.cluster.transport.NodeClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * {@code GET /sync/status} (SPEC §4): whether this node's data equals each alive peer's. Before answering it compares
 * roots with every alive peer (one small request each, in parallel, {@link #COMPARE_TIMEOUT} at most), so the answer
 * is as of now rather than as of the last anti-entropy round; a peer that does not answer in time shows its last
 * known comparison. {@code keys_repaired} counts the keys anti-entropy moved with that peer since this node started.
 */
@ApplicationScoped
public class SyncStatus {

    static final Duration COMPARE_TIMEOUT = Duration.ofSeconds(1);
    private static final JsonProvider JSON = JsonProvider.provider();

    private ClusterNode cluster;

    @Inject
    public SyncStatus(ClusterNode cluster) {
        this.cluster = cluster;
    }

    protected SyncStatus() {
    }

    /** The status body, once every alive peer has been compared with or has timed out. */
    public CompletableFuture<String> current() {
        return cluster.link().map(this::compared)
                .orElseGet(() -> CompletableFuture.completedFuture(
                        body(cluster.tree().root().hash(), List.of(), Map.of(), peerId -> 0)));
    }

    private CompletableFuture<String> compared(ClusterLink member) {
        List<MemberState> peers = cluster.members().peers(m -> m.status() == MemberStatus.ALIVE).stream()
                .sorted(Comparator.comparing(MemberState::id)).toList();
        CompletableFuture<?>[] comparisons = peers.stream().map(peer -> compare(member, peer))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(comparisons)
                .thenApply(done -> body(cluster.tree().root().hash(), peers, member.synchronizer().lastRounds(),
                        member.synchronizer()::keysRepairedWith));
    }

    private CompletableFuture<Void> compare(ClusterLink member, MemberState peer) {
        return member.client().send(peer.address(), "GET", HttpSyncPeer.ROOT_PATH, null, NodeClient.JSON,
                        COMPARE_TIMEOUT)
                .thenAccept(answer -> {
                    NodeHash theirs = ClusterJson.root(answer);
                    NodeHash ours = cluster.tree().root();
                    member.synchronizer().compared(peer.id(), ours.hash(), theirs.hash(), ours.sameContentAs(theirs));
                })
                .exceptionally(unreachable -> null);
    }

    private String body(String root, List<MemberState> peers, Map<String, SyncRound> lastRounds,
                        ToLongFunction<String> keysRepairedWith) {
        JsonArrayBuilder shown = JSON.createArrayBuilder();
        boolean inSync = true;
        for (MemberState peer : peers) {
            SyncRound last = lastRounds.get(peer.id());
            JsonObjectBuilder entry = JSON.createObjectBuilder().add("id", peer.id());
            if (last == null) {
                entry.addNull("root").add("equal", false).addNull("last_round");
                inSync = false;
            } else {
                entry.add("root", last.peerRoot()).add("equal", last.equal()).add("last_round", last.finishedAt());
                inSync &= last.equal();
            }
            shown.add(entry.add("keys_repaired", keysRepairedWith.applyAsLong(peer.id())));
        }
        return JSON.createObjectBuilder()
                .add("node_id", cluster.members().self().id())
                .add("root", root)
                .add("in_sync", inSync)
                .add("peers", shown)
                .build().toString();
    }
}
