package io.kvs.cluster.transport;

import io.kvs.cluster.membership.Gossip;
import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.membership.MemberTransport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** {@link MemberTransport} over HTTP: {@value #GOSSIP_PATH} and {@value #PROBE_PATH} on the other node. */
public final class HttpMemberTransport implements MemberTransport {

    public static final String GOSSIP_PATH = "/members/gossip";
    public static final String PROBE_PATH = "/members/probe";

    private final NodeClient client;

    public HttpMemberTransport(NodeClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Gossip> exchange(String address, Gossip ours, Duration timeout) {
        return client.send(address, "POST", GOSSIP_PATH, ClusterJson.gossip(ours), NodeClient.JSON, timeout)
                .thenApply(ClusterJson::gossip);
    }

    @Override
    public CompletableFuture<Boolean> probeThrough(String helperAddress, MemberState target, Duration timeout) {
        return client.send(helperAddress, "POST", PROBE_PATH, ClusterJson.member(target), NodeClient.JSON, timeout)
                .thenApply(ClusterJson::reachable);
    }
}
