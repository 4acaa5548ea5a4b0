package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.RequestGate.Outcome;
import io.kvs.auth.accounts.User;
import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.TokenIssuer;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.node.NodeIdentity;
import io.kvs.node.StoreLifecycle;
import io.kvs.request.EndpointAccess;
import io.kvs.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthServiceTest {

    private static final String SECRET = "a-cluster-secret-of-at-least-32-characters";
    private static final String OTHER_SECRET = "another-cluster-secret-of-32-characters-or-more";

    @TempDir
    Path dataDir;

    private Store store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aFirstStartWithAuthOnCreatesRootWithAnAdminTokenInAnOwnerOnlyFile() throws IOException {
        AuthService auth = started("auth_enabled: true\n");

        Path tokenFile = dataDir.resolve(RootBootstrap.TOKEN_FILE);
        assertEquals("rw-------", mode(tokenFile));
        List<User> users = auth.directory().users();
        assertEquals(1, users.size());
        assertEquals(RootBootstrap.ROOT_NICKNAME, users.get(0).nickname());
        Caller root = admitted(auth, EndpointAccess.ADMIN, rootToken());
        assertEquals(users.get(0).uuid(), root.user());
        assertEquals(EnumSet.allOf(Scope.class), root.scopes());
    }

    @Test
    void aFirstStartWithAuthOnGeneratesTheClusterSecretInAnOwnerOnlyFile() throws IOException {
        AuthService auth = started("auth_enabled: true\n");

        Path secretFile = dataDir.resolve(ClusterSecretSource.FILE_NAME);
        assertEquals("rw-------", mode(secretFile));
        String generated = Files.readString(secretFile).strip();
        assertEquals(ClusterSecret.of(generated).jwtKeyFingerprint(), fingerprintOf(auth));
        assertEquals(ClusterSecret.of(generated).jwtKeyFingerprint(),
                Files.readString(dataDir.resolve(ClusterSecretSource.FINGERPRINT_FILE)).strip());
    }

    @Test
    void aSecondStartOnTheSameDataDirMakesNoNewRootAndKeepsTheSecret() throws IOException {
        AuthService first = started("auth_enabled: true\n");
        UUID root = first.directory().users().get(0).uuid();
        String token = rootToken();
        String secret = Files.readString(dataDir.resolve(ClusterSecretSource.FILE_NAME));
        store.close();

        AuthService second = started("auth_enabled: true\n");

        assertEquals(List.of(root), second.directory().users().stream().map(User::uuid).toList());
        assertEquals(token, rootToken());
        assertEquals(secret, Files.readString(dataDir.resolve(ClusterSecretSource.FILE_NAME)));
        assertEquals(root, admitted(second, EndpointAccess.ADMIN, token).user());
    }

    @Test
    void aConfiguredClusterSecretIsUsedAndNoneIsGenerated() throws IOException {
        AuthService auth = started("auth_enabled: true\ncluster_secret: \"" + SECRET + "\"\n");

        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.FILE_NAME)));
        assertEquals(ClusterSecret.of(SECRET).jwtKeyFingerprint(), fingerprintOf(auth));
        assertEquals(1, auth.directory().users().size());
    }

    @Test
    void aRestartWithAnotherClusterSecretIsRefusedRatherThanOrphaningEveryToken() throws IOException {
        started("auth_enabled: true\ncluster_secret: \"" + SECRET + "\"\n");
        store.close();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> started("auth_enabled: true\ncluster_secret: \"" + OTHER_SECRET + "\"\n"));

        assertTrue(refused.getMessage().contains("reset-root"), refused.getMessage());
    }

    @Test
    void aResetRootRequestMakesANewRootTokenWithTheCurrentKeyAndIsThenForgotten() throws IOException {
        started("auth_enabled: true\ncluster_secret: \"" + SECRET + "\"\n");
        String oldToken = rootToken();
        store.close();
        Files.createFile(dataDir.resolve(ClusterSecretSource.RESET_ROOT_FILE));

        AuthService reset = started("auth_enabled: true\ncluster_secret: \"" + OTHER_SECRET + "\"\n");

        assertNotEquals(oldToken, rootToken());
        assertEquals("rw-------", mode(dataDir.resolve(RootBootstrap.TOKEN_FILE)));
        assertTrue(admitted(reset, EndpointAccess.ADMIN, rootToken()).isAdmin());
        assertInstanceOf(Outcome.Unauthenticated.class, reset.admit(EndpointAccess.ADMIN, bearer(oldToken)));
        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.RESET_ROOT_FILE)));
        assertEquals(ClusterSecret.of(OTHER_SECRET).jwtKeyFingerprint(),
                Files.readString(dataDir.resolve(ClusterSecretSource.FINGERPRINT_FILE)).strip());
    }

    @Test
    void aJoiningNodeMakesNoRootOfItsOwn() throws IOException {
        AuthService auth = started("auth_enabled: true\nseed_nodes: [\"127.0.0.1:8081\"]\n"
                + "cluster_secret: \"" + SECRET + "\"\n");

        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.TOKEN_FILE)));
        assertTrue(auth.directory().users().isEmpty());
        assertTrue(auth.clusterSecret().isPresent());
    }

    @Test
    void aJoiningNodeWithoutAClusterSecretRefusesToStart() throws IOException {
        assertThrows(IllegalStateException.class,
                () -> started("auth_enabled: true\nseed_nodes: [\"127.0.0.1:8081\"]\n"));

        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.FILE_NAME)));
        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.TOKEN_FILE)));
    }

    @Test
    void withAuthOffNothingIsSetUpAndThereIsNoClusterSecret() throws IOException {
        AuthService auth = started("auth_enabled: false\n");

        assertFalse(auth.enabled());
        assertTrue(auth.clusterSecret().isEmpty());
        assertTrue(auth.directory().users().isEmpty());
        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.TOKEN_FILE)));
        assertFalse(Files.exists(dataDir.resolve(ClusterSecretSource.FILE_NAME)));
    }

    @Test
    void withAuthOffAConfiguredClusterSecretIsStillTheNodesSecret() throws IOException {
        AuthService auth = started("auth_enabled: false\ncluster_secret: \"" + SECRET + "\"\n");

        assertFalse(auth.enabled());
        assertEquals(ClusterSecret.of(SECRET).jwtKeyFingerprint(), fingerprintOf(auth));
        assertFalse(Files.exists(dataDir.resolve(RootBootstrap.TOKEN_FILE)));
    }

    @Test
    void withAuthOnTheServiceIsEnabled() throws IOException {
        assertTrue(started("auth_enabled: true\n").enabled());
    }

    @Test
    void aRequestWithoutATokenIsUnauthenticatedUnlessAnonymousAccessIsOpen() throws IOException {
        AuthService auth = started("auth_enabled: true\n");

        Outcome.Unauthenticated refused =
                assertInstanceOf(Outcome.Unauthenticated.class, auth.admit(EndpointAccess.READ, null));
        assertFalse(refused.tokenRejected());
        assertInstanceOf(Outcome.Exempt.class, auth.admit(EndpointAccess.HEALTH, null));
    }

    @Test
    void anonymousReadAdmitsTokenlessReadsAsAnonymous() throws IOException {
        AuthService auth = started("auth_enabled: true\nallow_anonymous_read: true\n");

        Outcome.Admitted admitted = assertInstanceOf(Outcome.Admitted.class, auth.admit(EndpointAccess.READ, null));
        assertTrue(admitted.caller().isAnonymous());
        assertInstanceOf(Outcome.Unauthenticated.class, auth.admit(EndpointAccess.WRITE, null));
    }

    @Test
    void aBadTokenIsRefusedAsRejected() throws IOException {
        AuthService auth = started("auth_enabled: true\nallow_anonymous_read: true\n");
        String foreign = new TokenIssuer(ClusterSecret.of(OTHER_SECRET).jwtSigningKey(), System::currentTimeMillis)
                .issue(auth.directory().users().get(0).uuid(), Set.of(Scope.READ), Duration.ofHours(1)).token();

        for (String header : List.of("Bearer not.a.token", bearer(foreign), "Basic cm9vdDpyb290")) {
            Outcome.Unauthenticated refused = assertInstanceOf(Outcome.Unauthenticated.class,
                    auth.admit(EndpointAccess.READ, header), header);
            assertTrue(refused.tokenRejected());
        }
    }

    @Test
    void aValidTokenIsAdmittedAsItsUserWithinItsScopes() throws IOException {
        AuthService auth = started("auth_enabled: true\n");
        UUID root = auth.directory().users().get(0).uuid();
        String reader = auth.issuer().issue(root, Set.of(Scope.READ), Duration.ofHours(1)).token();

        Outcome.Admitted admitted =
                assertInstanceOf(Outcome.Admitted.class, auth.admit(EndpointAccess.READ, bearer(reader)));

        assertEquals(root, admitted.caller().user());
        assertEquals(Set.of(Scope.READ), admitted.caller().scopes());
        assertInstanceOf(Outcome.Forbidden.class, auth.admit(EndpointAccess.WRITE, bearer(reader)));
    }

    @Test
    void aTokenOfAUserTheNodeDoesNotKnowIsRefused() throws IOException {
        AuthService auth = started("auth_enabled: true\n");
        String stranger = auth.issuer().issue(UUID.randomUUID(), Set.of(Scope.READ), Duration.ofHours(1)).token();

        Outcome.Unauthenticated refused = assertInstanceOf(Outcome.Unauthenticated.class,
                auth.admit(EndpointAccess.READ, bearer(stranger)));

        assertTrue(refused.tokenRejected());
    }

    private AuthService started(String yaml) throws IOException {
        KvsConfig config = ConfigLoader.parse("node_id: \"node-a\"\ndata_dir: \"" + dataDir + "\"\n"
                + "index_capacity: 10000\ndurability: \"async\"\n" + yaml);
        store = Store.open(StoreLifecycle.settings(config, new NodeIdentity("node-a", 1_000L)), Thread::new);
        AuthService auth = new AuthService(config, store);
        auth.start();
        return auth;
    }

    private String rootToken() throws IOException {
        return Files.readString(dataDir.resolve(RootBootstrap.TOKEN_FILE)).strip();
    }

    private static Caller admitted(AuthService auth, EndpointAccess access, String token) {
        return assertInstanceOf(Outcome.Admitted.class, auth.admit(access, bearer(token))).caller();
    }

    private static String fingerprintOf(AuthService auth) {
        return auth.clusterSecret().orElseThrow().jwtKeyFingerprint();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
