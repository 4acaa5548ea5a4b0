package io.kvs.auth.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.ClusterSecretSource.Origin;
import io.kvs.auth.tokens.ClusterSecretSource.Resolved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretSourceTest {

    private static final String CONFIGURED = "configured-secret-configured-secret-0123";

    @TempDir
    Path dataDir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void configuredSecretWinsAndNothingIsWritten() throws IOException {
        Resolved resolved = ClusterSecretSource.resolve(CONFIGURED, dataDir, true, random);
        assertEquals(Origin.CONFIG, resolved.origin());
        assertArrayEquals(ClusterSecret.of(CONFIGURED).jwtSigningKey(), resolved.secret().jwtSigningKey());
        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.FILE_NAME)));
    }

    @Test
    void firstNodeGeneratesAnOwnerOnlyFileAndReusesItOnRestart() throws IOException {
        Resolved first = ClusterSecretSource.resolve(null, dataDir, false, random);
        Path file = dataDir.resolve(ClusterSecretSource.FILE_NAME);
        assertEquals(Origin.GENERATED, first.origin());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Resolved restart = ClusterSecretSource.resolve("", dataDir, false, random);
        assertEquals(Origin.DATA_DIR_FILE, restart.origin());
        assertArrayEquals(first.secret().jwtSigningKey(), restart.secret().jwtSigningKey());
        assertArrayEquals(ClusterSecret.of(Files.readString(file).strip()).jwtSigningKey(), restart.secret().jwtSigningKey());
    }

    @Test
    void joiningNodeWithoutSecretRefusesToStartSayingWhatToCopy() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClusterSecretSource.resolve(null, dataDir, true, random));
        assertTrue(e.getMessage().contains("cluster_secret"), e.getMessage());
        assertTrue(e.getMessage().contains(ClusterSecretSource.FILE_NAME), e.getMessage());
        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.FILE_NAME)));
    }

    @Test
    void refusalIsTheReasonResolveRefusesAndOnlyThen() throws IOException {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClusterSecretSource.resolve(" ", dataDir, true, random));
        assertEquals(Optional.of(e.getMessage()), ClusterSecretSource.refusal(" ", dataDir, true));
        assertEquals(Optional.empty(), ClusterSecretSource.refusal(CONFIGURED, dataDir, true));
        assertEquals(Optional.empty(), ClusterSecretSource.refusal(null, dataDir, false));
        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.FILE_NAME)), "asking creates nothing");

        ClusterSecretSource.resolve(null, dataDir, false, random);
        assertEquals(Optional.empty(), ClusterSecretSource.refusal(null, dataDir, true), "it joined before");
    }

    @Test
    void joiningNodeThatOnceGeneratedItsSecretKeepsUsingIt() throws IOException {
        Resolved generated = ClusterSecretSource.resolve(null, dataDir, false, random);
        Resolved later = ClusterSecretSource.resolve(null, dataDir, true, random);
        assertArrayEquals(generated.secret().jwtSigningKey(), later.secret().jwtSigningKey());
    }

    @Test
    void tooShortConfiguredSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterSecretSource.resolve("short", dataDir, false, random));
    }

    /** Issue 12 #6: a data_dir whose tokens were made with one key, started with another (or a generated one). */
    @Test
    void aStartThatWouldOrphanEveryTokenIsRefusedUnlessARootResetWasAsked() throws IOException {
        ClusterSecret original = ClusterSecret.of(CONFIGURED);
        ClusterSecretSource.record(dataDir, original);
        assertEquals(original.jwtKeyFingerprint(),
                Files.readString(dataDir.resolve(ClusterSecretSource.FINGERPRINT_FILE)).strip());

        assertEquals(Optional.empty(), ClusterSecretSource.refusal(CONFIGURED, dataDir, false), "same key");
        String generated = ClusterSecretSource.refusal(null, dataDir, false).orElseThrow();
        assertTrue(generated.contains("newly generated cluster secret") && generated.contains("reset-root"), generated);
        String other = ClusterSecretSource.refusal("another-secret-another-secret-0123456", dataDir, false)
                .orElseThrow();
        assertTrue(other.contains(original.jwtKeyFingerprint()), other);
        assertThrows(IllegalStateException.class, () -> ClusterSecretSource.resolve(null, dataDir, false, random));
        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.FILE_NAME)), "no secret generated on refusal");

        Files.writeString(dataDir.resolve(ClusterSecretSource.RESET_ROOT_FILE), "asked");
        assertEquals(Optional.empty(), ClusterSecretSource.refusal(null, dataDir, false));
        Resolved fresh = ClusterSecretSource.resolve(null, dataDir, false, random);
        ClusterSecretSource.record(dataDir, fresh.secret());
        Files.delete(dataDir.resolve(ClusterSecretSource.RESET_ROOT_FILE));
        assertEquals(Optional.empty(), ClusterSecretSource.refusal(null, dataDir, false), "the new key is recorded");
    }

    @Test
    void theFingerprintNamesTheKeyWithoutRevealingIt() {
        ClusterSecret secret = ClusterSecret.of(CONFIGURED);
        assertEquals(32, secret.jwtKeyFingerprint().length());
        assertEquals(secret.jwtKeyFingerprint(), ClusterSecret.of(CONFIGURED).jwtKeyFingerprint());
        assertFalse(java.util.HexFormat.of().formatHex(secret.jwtSigningKey()).contains(secret.jwtKeyFingerprint()));
    }
}
