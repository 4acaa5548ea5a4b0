package io.kvs.cluster.transport;

import io.kvs.cluster.transport.StubNode.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] BODY = "{\"paths\":[\"\"]}".getBytes(StandardCharsets.UTF_8);

    private final RequestSigner signer = new RequestSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30), System::currentTimeMillis);
    private final StubNode peer = new StubNode(18690).signingAnswersWith(signer);
    private final NodeClient client = new NodeClient(HttpClient.newHttpClient(), "n1", signer);

    @AfterEach
    void stop() {
        peer.close();
    }

    @Test
    void requestsCarryASignatureTheReceiverAccepts() throws Exception {
        peer.on("/sync/merkle/children", r -> Answer.ok("{}".getBytes()));

        byte[] answer = client.sendAndWait(peer.address(), "POST", "/sync/merkle/children?x=%2F", BODY,
                NodeClient.JSON, TIMEOUT);

        assertArrayEquals("{}".getBytes(), answer);
        StubNode.Received received = peer.received.get(0);
        RequestSignature presented = new RequestSignature(received.header(RequestSignature.NODE_HEADER),
                received.header(RequestSignature.TIMESTAMP_HEADER), received.header(RequestSignature.BODY_DIGEST_HEADER),
                received.header(RequestSignature.SIGNATURE_HEADER));
        assertEquals("n1", presented.nodeId());
        assertEquals(RequestSigner.Check.VALID,
                signer.verify(received.method(), received.pathAndQuery(), received.body(), presented));
        assertEquals(NodeClient.JSON, received.header("Content-Type"));
    }

    @Test
    void anOpenClusterSendsNoSignature() throws Exception {
        peer.on("/sync/merkle/root", r -> Answer.ok("{}".getBytes()));

        new NodeClient(HttpClient.newHttpClient(), "n1", null)
                .sendAndWait(peer.address(), "GET", "/sync/merkle/root", null, NodeClient.JSON, TIMEOUT);

        assertNull(peer.received.get(0).header(RequestSignature.SIGNATURE_HEADER));
        assertEquals("GET", peer.received.get(0).method());
    }

    @Test
    void anErrorAnswerFailsWithThePeersStatusAndReason() {
        peer.on("/members/gossip", r -> new Answer(401, "{\"error\":\"node request signature invalid\"}".getBytes(), 0));

        IOException failure = assertThrows(IOException.class, () -> client.sendAndWait(peer.address(), "POST",
                "/members/gossip", BODY, NodeClient.JSON, TIMEOUT));

        assertTrue(failure.getMessage().contains("401"), failure.getMessage());
        assertTrue(failure.getMessage().contains("signature invalid"), failure.getMessage());
    }

    @Test
    void aPeerThatDoesNotAnswerInTimeFails() {
        peer.on("/members/gossip", r -> new Answer(200, "{}".getBytes(), 1_000));

        assertThrows(IOException.class, () -> client.sendAndWait(peer.address(), "POST", "/members/gossip", BODY,
                NodeClient.JSON, Duration.ofMillis(200)));
    }

    @Test
    void anUnreachablePeerFails() {
        assertThrows(IOException.class, () -> client.sendAndWait("127.0.0.1:18699", "GET", "/sync/merkle/root",
                null, NodeClient.JSON, TIMEOUT));
        assertThrows(IOException.class, () -> client.sendAndWait("bad host:x", "GET", "/", null, NodeClient.JSON,
                TIMEOUT));
    }

    /** Issue 12 #4: whoever sits on the network path could answer a fetch with versions of its own making. */
    @Test
    void anUnsignedAnswerIsRefused() {
        peer.signingAnswersWith(null).on("/sync/versions/fetch", r -> Answer.ok("{}".getBytes()));

        IOException failure = assertThrows(IOException.class, () -> client.sendAndWait(peer.address(), "POST",
                "/sync/versions/fetch", BODY, NodeClient.JSON, TIMEOUT));

        assertTrue(failure.getMessage().contains("not signed for this request"), failure.getMessage());
    }

    @Test
    void anAnswerSignedByAnotherClusterIsRefused() {
        RequestSigner stranger = new RequestSigner("another cluster's 32-byte key....".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(30), System::currentTimeMillis);
        peer.signingAnswersWith(stranger).on("/sync/merkle/root", r -> Answer.ok("{}".getBytes()));

        assertThrows(IOException.class, () -> client.sendAndWait(peer.address(), "GET", "/sync/merkle/root", null,
                NodeClient.JSON, TIMEOUT));
    }

    @Test
    void aGenuineAnswerReplayedToAnotherRequestOrWithAnotherBodyIsRefused() {
        String capturedFromAnotherRequest = signer.signAnswer("ab".repeat(32), 200, "{}".getBytes());
        peer.signingAnswersWith(null)
                .on("/sync/merkle/root", r -> new Answer(200, "{}".getBytes(), 0,
                        java.util.Map.of(RequestSignature.ANSWER_SIGNATURE_HEADER, capturedFromAnotherRequest)))
                .on("/sync/merkle/children", r -> new Answer(200, "{\"forged\":1}".getBytes(), 0,
                        java.util.Map.of(RequestSignature.ANSWER_SIGNATURE_HEADER, signer.signAnswer(
                                r.header(RequestSignature.SIGNATURE_HEADER), 200, "{}".getBytes()))));

        assertThrows(IOException.class, () -> client.sendAndWait(peer.address(), "GET", "/sync/merkle/root", null,
                NodeClient.JSON, TIMEOUT));
        assertThrows(IOException.class, () -> client.sendAndWait(peer.address(), "POST", "/sync/merkle/children",
                BODY, NodeClient.JSON, TIMEOUT));
    }
}
