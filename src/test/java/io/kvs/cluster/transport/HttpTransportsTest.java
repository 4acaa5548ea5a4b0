package io.kvs.cluster.transport;

import io.kvs.cluster.membership.Gossip;
import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.membership.MemberStatus;
import io.kvs.cluster.replication.VersionCodec;
import io.kvs.cluster.transport.StubNode.Answer;
import io.kvs.storage.StoredValue;
import io.kvs.storage.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTransportsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final MemberState N1 = new MemberState("n1", "127.0.0.1:18601", 0, MemberStatus.ALIVE, 1);
    private static final MemberState N2 = new MemberState("n2", "127.0.0.1:18693", 4, MemberStatus.ALIVE, 2);

    private final StubNode peer = new StubNode(18693);
    private final NodeClient client = new NodeClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .build(), "n1", null);

    @AfterEach
    void stop() {
        peer.close();
    }

    @Test
    void gossipIsExchangedAsJson() throws Exception {
        peer.on(HttpMemberTransport.GOSSIP_PATH, r -> {
            assertEquals(new Gossip("n1", List.of(N1)), ClusterJson.gossip(r.body()));
            return Answer.ok(ClusterJson.gossip(new Gossip("n2", List.of(N1, N2))));
        });

        Gossip answer = new HttpMemberTransport(client).exchange(peer.address(), new Gossip("n1", List.of(N1)),
                TIMEOUT).get();

        assertEquals(new Gossip("n2", List.of(N1, N2)), answer);
    }

    @Test
    void anIndirectProbeCarriesTheTargetAndReturnsWhetherItAnswered() throws Exception {
        peer.on(HttpMemberTransport.PROBE_PATH, r -> Answer.ok(ClusterJson.reachable(
                ClusterJson.memberOf(r.body()).equals(N2))));

        assertTrue(new HttpMemberTransport(client).probeThrough(peer.address(), N2, TIMEOUT).get());
    }

    @Test
    void pushedVersionsTravelAsAVersionBatch() throws Exception {
        StoredValue value = new StoredValue("k", new Version(1, 2, UUID.randomUUID(), "n1"), 0, false, "[1]".getBytes());
        peer.on(HttpPushTransport.VERSIONS_PATH, r -> new Answer(204, new byte[0], 0));
        Map<String, String> addresses = Map.of("n2", peer.address());
        HttpPushTransport transport = new HttpPushTransport(client,
                id -> Optional.ofNullable(addresses.get(id)), TIMEOUT);

        transport.push("n2", List.of(value)).get();

        StubNode.Received received = peer.received.get(0);
        assertEquals(VersionCodec.MEDIA_TYPE, received.header("Content-Type"));
        assertEquals(value.version(), VersionCodec.fromBytes(received.body(), 10, 100).get(0).version());
    }

    @Test
    void pushingToAPeerWithoutAddressFails() {
        HttpPushTransport transport = new HttpPushTransport(client, id -> Optional.empty(), TIMEOUT);

        assertThrows(ExecutionException.class, () -> transport.push("gone", List.of()).get());
    }
}
