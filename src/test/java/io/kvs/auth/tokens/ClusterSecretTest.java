package io.kvs.auth.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ClusterSecretTest {

    @Test
    void generatedSecretIs32RandomBytesInBase64Url() {
        String secret = ClusterSecret.generate(new SecureRandom());
        assertEquals(43, secret.length());
        assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), secret);
        assertEquals(32, Base64.getUrlDecoder().decode(secret).length);
        assertNotEquals(secret, ClusterSecret.generate(new SecureRandom()));
    }

    @Test
    void signingKeyIsHmacSha256OfTheSecretOverAFixedLabel() throws Exception {
        String secret = "0123456789abcdef0123456789abcdef";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal("kvs/jwt-hs256-signing-key/v1".getBytes(StandardCharsets.UTF_8));

        assertArrayEquals(expected, ClusterSecret.of(secret).jwtSigningKey());
        assertEquals(32, expected.length);
    }

    @Test
    void sameSecretGivesTheSameKeyOnEveryNode() {
        String secret = ClusterSecret.generate(new SecureRandom());
        assertArrayEquals(ClusterSecret.of(secret).jwtSigningKey(), ClusterSecret.of(secret).jwtSigningKey());
    }

    @Test
    void purposesGetIndependentKeys() {
        ClusterSecret secret = ClusterSecret.of(ClusterSecret.generate(new SecureRandom()));
        assertFalse(Arrays.equals(secret.jwtSigningKey(), secret.deriveKey("node-to-node/v1")));
        assertNotEquals(HexFormat.of().formatHex(secret.jwtSigningKey()),
                HexFormat.of().formatHex(ClusterSecret.of(ClusterSecret.generate(new SecureRandom())).jwtSigningKey()));
    }

    @Test
    void shortSecretsAreRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of("secret"));
        assertTrue(e.getMessage().startsWith("cluster_secret must be at least 32 characters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of(null));
        assertThrows(IllegalArgumentException.class, () -> ClusterSecret.of(" ".repeat(40)));
    }

    @Test
    void toStringRevealsNothing() {
        String secret = ClusterSecret.generate(new SecureRandom());
        assertEquals("ClusterSecret[redacted]", ClusterSecret.of(secret).toString());
    }
}
