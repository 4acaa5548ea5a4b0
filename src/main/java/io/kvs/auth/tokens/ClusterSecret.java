package io.kvs.auth.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every node of a cluster shares ({@code cluster_secret}). Nothing uses it directly: each purpose gets
 * its own key, HMAC-SHA256(secret, "kvs/" + purpose), so the JWT key and the node-to-node key are independent and
 * a leak of one does not give the other.
 */
public final class ClusterSecret {

    /** A generated secret is this many random bytes, written base64url without padding (43 characters). */
    public static final int GENERATED_BYTES = 32;
    private static final int FINGERPRINT_BYTES = 16;

    /** Shorter configured secrets are refused: they are guessable offline from any token. */
    public static final int MIN_LENGTH = 32;

    private static final String JWT_PURPOSE = "jwt-hs256-signing-key/v1";

    private final byte[] material;

    private ClusterSecret(byte[] material) {
        this.material = material;
    }

    /** Wraps a configured secret; fails with a message naming {@code cluster_secret} when it is too short. */
    public static ClusterSecret of(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("cluster_secret must be at least " + MIN_LENGTH
                    + " characters (e.g. the output of: openssl rand -base64 32)");
        }
        return new ClusterSecret(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A new random secret in its text form. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A 32-byte key for {@code purpose}, the same on every node holding this secret. */
    public byte[] deriveKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            return mac.doFinal(("kvs/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /** The HS256 key tokens are signed and verified with. */
    public byte[] jwtSigningKey() {
        return deriveKey(JWT_PURPOSE);
    }

    /**
     * Names the token key without revealing it: the first 16 bytes of SHA-256 of the key, in hex. Equal
     * fingerprints, same key: tokens signed under one verify under the other.
     */
    public String jwtKeyFingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jwtSigningKey());
            return HexFormat.of().formatHex(digest, 0, FINGERPRINT_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[redacted]";
    }
}
