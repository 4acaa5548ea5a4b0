package io.kvs.cluster.transport;

import io.kvs.cluster.membership.Gossip;
import io.kvs.cluster.membership.MemberState;
import io.kvs.cluster.membership.MemberStatus;
import io.kvs.cluster.sync.KeyVersion;
import io.kvs.cluster.sync.NodeHash;
import io.kvs.storage.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterJsonTest {

    private static final MemberState SUSPECT = new MemberState("n2", "127.0.0.1:18602", 3, MemberStatus.SUSPECT, 99);

    @Test
    void gossipRoundTrips() {
        Gossip gossip = new Gossip("n1", List.of(SUSPECT,
                new MemberState("n1", "127.0.0.1:18601", 0, MemberStatus.ALIVE, 1)));

        assertEquals(gossip, ClusterJson.gossip(ClusterJson.gossip(gossip)));
        assertTrue(new String(ClusterJson.gossip(gossip), StandardCharsets.UTF_8).contains("\"status\":\"suspect\""));
    }

    @Test
    void probeRequestAndAnswerRoundTrip() {
        assertEquals(SUSPECT, ClusterJson.memberOf(ClusterJson.member(SUSPECT)));
        assertTrue(ClusterJson.reachable(ClusterJson.reachable(true)));
        assertFalse(ClusterJson.reachable(ClusterJson.reachable(false)));
    }

    @Test
    void treeMessagesRoundTrip() {
        List<NodeHash> nodes = List.of(new NodeHash("a", "0".repeat(32), 0), new NodeHash("b", "f".repeat(32), 7));
        List<KeyVersion> entries = List.of(new KeyVersion("k/ü", new Version(5, 6, UUID.randomUUID(), "n1"), true));

        assertEquals(nodes, ClusterJson.nodes(ClusterJson.nodes(nodes)));
        assertEquals(entries, ClusterJson.entries(ClusterJson.entries(entries)));
        assertEquals(List.of("", "0a"), ClusterJson.strings("paths", ClusterJson.strings("paths", List.of("", "0a"))));
        assertEquals(new NodeHash("", "ab".repeat(16), 12), ClusterJson.root(ClusterJson.root(
                new NodeHash("", "ab".repeat(16), 12))));
        assertEquals("{\"hash\":\"" + "ab".repeat(16) + "\",\"key_count\":12}",
                new String(ClusterJson.root(new NodeHash("", "ab".repeat(16), 12)), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[]", "{}",
            "{\"from\":\"n1\"}",
            "{\"from\":1,\"members\":[]}",
            "{\"from\":\"n1\",\"members\":[{\"id\":\"x\"}]}",
            "{\"from\":\"n1\",\"members\":[{\"id\":\"x\",\"address\":\"a\",\"incarnation\":1,\"status\":\"zombie\","
                    + "\"joined_timestamp\":1}]}",
            "{\"from\":\"n1\",\"members\":[{\"id\":\"x\",\"address\":\"a\",\"incarnation\":1.5,\"status\":\"alive\","
                    + "\"joined_timestamp\":1}]}",
            "{\"from\":\"n1\",\"members\":[7]}"})
    void malformedGossipIsRefusedAsBadInput(String body) {
        assertThrows(IllegalArgumentException.class,
                () -> ClusterJson.gossip(body.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"paths\":[1]}", "{\"paths\":\"a\"}", "{\"keys\":[]}", "{\"paths\":[null]}"})
    void malformedPathListsAreRefusedAsBadInput(String body) {
        assertThrows(IllegalArgumentException.class,
                () -> ClusterJson.strings("paths", body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEntryWithABadUuidIsRefusedAsBadInput() {
        byte[] body = ("{\"entries\":[{\"key\":\"k\",\"timestamp\":1,\"joined_timestamp\":1,\"uuid\":\"nope\","
                + "\"writer\":\"n\",\"tombstone\":false}]}").getBytes(StandardCharsets.UTF_8);

        assertThrows(IllegalArgumentException.class, () -> ClusterJson.entries(body));
    }
}
