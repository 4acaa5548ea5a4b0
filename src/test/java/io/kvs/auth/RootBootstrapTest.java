package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.accounts.Directory;
import io.kvs.auth.accounts.User;
import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.RevocationList;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.TokenIssuer;
import io.kvs.auth.tokens.TokenVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootBootstrapTest {

    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    private final byte[] key = ClusterSecret.of(ClusterSecret.generate(new SecureRandom())).jwtSigningKey();
    private final Directory directory = new Directory();
    private final RevocationList revocations = new RevocationList();
    private final TokenVerifier verifier = new TokenVerifier(key, () -> NOW, revocations::isRevoked, directory::isLiveUser);
    private final List<IssuedToken> registered = new ArrayList<>();
    private RootBootstrap bootstrap;

    @BeforeEach
    void bootstrapInTheTemporaryDataDir() {
        bootstrap = new RootBootstrap(dataDir, new TokenIssuer(key, () -> NOW), verifier, () -> NOW);
    }

    private void store(User root, IssuedToken token) {
        directory.putUser(root);
        registered.add(token);
    }

    @Test
    void firstStartCreatesRootWithAnAllScopeTokenInAnOwnerOnlyFile() throws Exception {
        Optional<Path> written = bootstrap.run(false, this::store);

        Path file = dataDir.resolve(RootBootstrap.TOKEN_FILE);
        assertEquals(Optional.of(file), written);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        IssuedToken claims = verifier.verify(Files.readString(file).strip());
        assertEquals(EnumSet.allOf(Scope.class), claims.scopes());
        assertEquals("root", directory.user(claims.userUuid()).orElseThrow().nickname());
        assertEquals(List.of(claims), registered);
        assertTrue(claims.expiresAt() - NOW >= TokenIssuer.MAX_TTL.toMillis() - 1000);
        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.PENDING_FILE)));
    }

    @Test
    void restartWithUsersCreatesNothing() throws IOException {
        bootstrap.run(false, this::store);
        String token = Files.readString(dataDir.resolve(RootBootstrap.TOKEN_FILE));

        assertEquals(Optional.empty(), bootstrap.run(true, this::store));
        assertEquals(1, directory.users().size());
        assertEquals(token, Files.readString(dataDir.resolve(RootBootstrap.TOKEN_FILE)));
    }

    @Test
    void crashBeforeTheUserWasStoredStartsOverOnNextStart() throws IOException {
        assertThrows(IOException.class, () -> bootstrap.run(false, (root, token) -> {
            throw new IOException("crash");
        }));
        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.TOKEN_FILE)));

        assertTrue(bootstrap.run(false, this::store).isPresent());
        assertEquals(1, directory.users().size());
    }

    @Test
    void crashAfterTheUserWasStoredIsFinishedOnNextStart() throws Exception {
        assertThrows(IOException.class, () -> bootstrap.run(false, (root, token) -> {
            store(root, token);
            Files.createDirectory(dataDir.resolve(RootBootstrap.TOKEN_FILE)); // makes the final rename fail
        }));
        Files.delete(dataDir.resolve(RootBootstrap.TOKEN_FILE));

        Optional<Path> finished = bootstrap.run(true, this::store);

        assertEquals(Optional.of(dataDir.resolve(RootBootstrap.TOKEN_FILE)), finished);
        verifier.verify(Files.readString(finished.get()).strip());
        assertEquals(1, directory.users().size());
    }

    @Test
    void pendingTokenOfAUserThatNeverGotStoredIsDiscarded() throws IOException {
        assertThrows(IOException.class, () -> bootstrap.run(false, (root, token) -> {
            throw new IOException("crash");
        }));
        directory.putUser(new User(UUID.randomUUID(), "someone-else", NOW));

        assertEquals(Optional.empty(), bootstrap.run(true, this::store));
        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.PENDING_FILE)));
        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.TOKEN_FILE)));
    }

    @Test
    void staleTokenFileFromAWipedStoreIsReplaced() throws Exception {
        Files.writeString(dataDir.resolve(RootBootstrap.TOKEN_FILE), "stale");
        bootstrap.run(false, this::store);
        verifier.verify(Files.readString(dataDir.resolve(RootBootstrap.TOKEN_FILE)).strip());
    }
}
