package io.kvs.cluster.transport;

import io.kvs.cluster.transport.RequestSigner.Check;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestSignerTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final byte[] BODY = "{\"versions\":[]}".getBytes(StandardCharsets.UTF_8);

    private static final byte[] KEY = key('k');

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final RequestSigner signer = new RequestSigner(KEY, WINDOW, now::get);
    private final RequestSignature signed = signer.sign("node-1", "POST", "/sync/versions?x=1", BODY);

    @Test
    void aSignedRequestVerifies() {
        assertEquals(Check.VALID, signer.verify("POST", "/sync/versions?x=1", BODY, signed));
        assertEquals(Check.VALID, new RequestSigner(KEY, WINDOW, now::get).verify("post", "/sync/versions?x=1",
                BODY, signed), "another node with the same secret");
    }

    @Test
    void anEmptyBodyIsSignedLikeAMissingOne() {
        RequestSignature get = signer.sign("node-1", "GET", "/sync/merkle/root", null);

        assertEquals(Check.VALID, signer.verify("GET", "/sync/merkle/root", new byte[0], get));
    }

    @Test
    void tamperingWithAnySignedPartIsDetected() {
        byte[] otherBody = "{\"versions\":[1]}".getBytes(StandardCharsets.UTF_8);

        assertEquals(Check.BODY_MISMATCH, signer.verify("POST", "/sync/versions?x=1", otherBody, signed));
        assertEquals(Check.BAD_SIGNATURE, signer.verify("POST", "/sync/versions?x=2", BODY, signed));
        assertEquals(Check.BAD_SIGNATURE, signer.verify("POST", "/members/leave?x=1", BODY, signed));
        assertEquals(Check.BAD_SIGNATURE, signer.verify("PUT", "/sync/versions?x=1", BODY, signed));
        assertEquals(Check.BAD_SIGNATURE, signer.verify("POST", "/sync/versions?x=1", BODY,
                new RequestSignature("node-2", signed.timestamp(), signed.bodyDigest(), signed.signature())));
        assertEquals(Check.BAD_SIGNATURE, signer.verify("POST", "/sync/versions?x=1", BODY,
                new RequestSignature("node-1", Long.toString(now.get() + 1), signed.bodyDigest(), signed.signature())));
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        RequestSignature forged = new RequestSigner(key('g'), WINDOW, now::get).sign("node-1", "POST",
                "/sync/versions?x=1", BODY);

        assertEquals(Check.BAD_SIGNATURE, signer.verify("POST", "/sync/versions?x=1", BODY, forged));
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        now.addAndGet(WINDOW.toMillis());
        assertEquals(Check.VALID, signer.verify("POST", "/sync/versions?x=1", BODY, signed), "edge of the window");

        now.addAndGet(1);
        assertEquals(Check.OUT_OF_WINDOW, signer.verify("POST", "/sync/versions?x=1", BODY, signed));

        now.addAndGet(-2 * WINDOW.toMillis() - 2);
        assertEquals(Check.OUT_OF_WINDOW, signer.verify("POST", "/sync/versions?x=1", BODY, signed));
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        assertEquals(Check.MISSING, signer.verify("GET", "/", null, new RequestSignature(null, null, null, null)));
        assertEquals(Check.MISSING, signer.verify("GET", "/", null,
                new RequestSignature("node-1", signed.timestamp(), signed.bodyDigest(), null)));
        assertEquals(Check.MALFORMED, signer.verify("POST", "/sync/versions?x=1", BODY,
                new RequestSignature("node-1", "yesterday", signed.bodyDigest(), signed.signature())));
        assertEquals(Check.MALFORMED, signer.verify("POST", "/sync/versions?x=1", BODY,
                new RequestSignature("node-1", signed.timestamp(), signed.bodyDigest(), "not-hex")));
        assertNotEquals(null, Check.MALFORMED.reason());
    }

    @Test
    void theHeadersVerifyWithoutTheBodyAndTheBodyIsBoundByItsDigest() {
        assertEquals(Check.VALID, signer.verifyHeaders("POST", "/sync/versions?x=1", signed));
        assertEquals(true, RequestSigner.bodyMatches(signed, BODY));
        assertEquals(false, RequestSigner.bodyMatches(signed, "{}".getBytes(StandardCharsets.UTF_8)));

        RequestSignature otherDigest = new RequestSignature("node-1", signed.timestamp(),
                signer.sign("node-1", "POST", "/sync/versions?x=1", new byte[0]).bodyDigest(), signed.signature());
        assertEquals(Check.BAD_SIGNATURE, signer.verifyHeaders("POST", "/sync/versions?x=1", otherDigest),
                "a digest swapped for another body's");
        assertEquals(Check.MALFORMED, signer.verifyHeaders("POST", "/sync/versions?x=1",
                new RequestSignature("node-1", signed.timestamp(), "abcd", signed.signature())), "short digest");
    }

    @Test
    void aFullLengthKeyIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new RequestSigner(new byte[31], WINDOW, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RequestSigner(null, WINDOW, now::get));
    }

    private static byte[] key(char fill) {
        return String.valueOf(fill).repeat(32).getBytes(StandardCharsets.UTF_8);
    }
}
