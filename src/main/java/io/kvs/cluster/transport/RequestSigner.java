package io.kvs.cluster.transport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Signs and checks node-to-node requests with a key derived from {@code cluster_secret}: HMAC-SHA256 over the
 * method, the raw path and query, the sender's node id, a timestamp and the SHA-256 of the body, which travels in its
 * own header. A receiver therefore authenticates the headers ({@link #verifyHeaders}) before it reads any body byte
 * (a stranger cannot make it buffer anything), and then checks the body against the signed digest
 * ({@link #bodyMatches}).
 *
 * <p>The key is the one the cluster secret derives for {@value #KEY_PURPOSE}, a purpose no other use of the secret
 * shares, so a node signature can never pass as a JWT signature or the other way round. A signature is accepted only within
 * {@code replayWindow} of the receiver's clock, either way; within that window a captured request could be
 * replayed, which is harmless because every internal operation is idempotent (versions apply only if they win,
 * gossip merges by incarnation). Answers are signed too ({@link #signAnswer}), bound to the request they answer, so
 * a node applies only what a cluster member said in reply to its own question.
 */
public final class RequestSigner {

    /** What the cluster secret derives this signer's key for (distinct from the JWT key). */
    public static final String KEY_PURPOSE = "node-auth-v1";
    private static final String KEY_LABEL = "kvs-node-auth-v2";
    /** Distinct from {@link #KEY_LABEL}: an answer's signature can never pass for a request's. */
    private static final String ANSWER_LABEL = "kvs-node-answer-v1";
    private static final int DIGEST_BYTES = 32;
    private static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** Why a request was refused, phrased for the 401 answer; or that it passed. */
    public enum Check {
        VALID(null),
        MISSING("node authentication headers missing"),
        MALFORMED("node authentication headers malformed"),
        OUT_OF_WINDOW("node request timestamp outside the accepted window"),
        BAD_SIGNATURE("node request signature invalid"),
        BODY_MISMATCH("node request body does not match its signed digest");

        private final String reason;

        Check(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final SecretKeySpec key;
    private final long windowMillis;
    private final LongSupplier clock;

    /** @param key the node-authentication key the cluster secret derives ({@link #KEY_PURPOSE}), 32 bytes */
    public RequestSigner(byte[] key, Duration replayWindow, LongSupplier clock) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a node-authentication key of at least " + MIN_KEY_BYTES
                    + " bytes is required to sign node requests");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.windowMillis = replayWindow.toMillis();
        this.clock = clock;
    }

    /** The headers for a request that {@code nodeId} sends now. */
    public RequestSignature sign(String nodeId, String method, String pathAndQuery, byte[] body) {
        String timestamp = Long.toString(clock.getAsLong());
        String digest = HEX.formatHex(sha256(body));
        return new RequestSignature(nodeId, timestamp, digest,
                HEX.formatHex(mac(method, pathAndQuery, nodeId, timestamp, digest)));
    }

    /** Checks a whole received request: its headers, then its body. */
    public Check verify(String method, String pathAndQuery, byte[] body, RequestSignature presented) {
        Check headers = verifyHeaders(method, pathAndQuery, presented);
        if (headers != Check.VALID) {
            return headers;
        }
        return bodyMatches(presented, body) ? Check.VALID : Check.BODY_MISMATCH;
    }

    /**
     * Checks everything a request carries but its body; {@code pathAndQuery} must be the raw (still
     * percent-encoded) request target.
     */
    public Check verifyHeaders(String method, String pathAndQuery, RequestSignature presented) {
        if (presented.nodeId() == null || presented.timestamp() == null || presented.bodyDigest() == null
                || presented.signature() == null) {
            return Check.MISSING;
        }
        long sentAt;
        byte[] signature;
        try {
            sentAt = Long.parseLong(presented.timestamp());
            signature = HEX.parseHex(presented.signature());
            if (HEX.parseHex(presented.bodyDigest()).length != DIGEST_BYTES) {
                return Check.MALFORMED;
            }
        } catch (IllegalArgumentException e) {
            return Check.MALFORMED;
        }
        if (Math.abs(clock.getAsLong() - sentAt) > windowMillis) {
            return Check.OUT_OF_WINDOW;
        }
        byte[] expected = mac(method, pathAndQuery, presented.nodeId(), presented.timestamp(),
                presented.bodyDigest().toLowerCase(Locale.ROOT));
        return MessageDigest.isEqual(expected, signature) ? Check.VALID : Check.BAD_SIGNATURE;
    }

    /** Whether {@code body} is the one whose digest the (already verified) headers carry. */
    public static boolean bodyMatches(RequestSignature verified, byte[] body) {
        return MessageDigest.isEqual(sha256(body), HEX.parseHex(verified.bodyDigest()));
    }

    /**
     * The signature of an answer with {@code status} and {@code body} to the request that carried
     * {@code requestSignature}: a forged or replayed answer (another request's, or a changed body) does not verify.
     */
    public String signAnswer(String requestSignature, int status, byte[] body) {
        return HEX.formatHex(answerMac(requestSignature, status, body));
    }

    /** Whether {@code presented} is {@link #signAnswer} of this answer to the request signed {@code requestSignature}. */
    public boolean answerMatches(String requestSignature, int status, byte[] body, String presented) {
        if (presented == null) {
            return false;
        }
        try {
            return MessageDigest.isEqual(answerMac(requestSignature, status, body), HEX.parseHex(presented));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] answerMac(String requestSignature, int status, byte[] body) {
        String canonical = String.join("\n", ANSWER_LABEL, requestSignature.toLowerCase(Locale.ROOT),
                Integer.toString(status), HEX.formatHex(sha256(body)));
        return hmac(key, canonical.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String method, String pathAndQuery, String nodeId, String timestamp, String bodyDigest) {
        String canonical = String.join("\n", KEY_LABEL, method.toUpperCase(Locale.ROOT), pathAndQuery,
                nodeId, timestamp, bodyDigest);
        return hmac(key, canonical.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
