package io.kvs.auth;

import io.kvs.auth.accounts.Directory;
import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.auth.tokens.RevocationList;
import io.kvs.auth.tokens.TokenIssuer;
import io.kvs.auth.tokens.TokenVerifier;
import io.kvs.config.KvsConfig;
import io.kvs.request.EndpointAccess;
import io.kvs.storage.Store;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The node's authentication state: at start it resolves the cluster secret, derives the token key, loads users,
 * groups and revocations from the store (and follows every later change to them, replicated ones included), and
 * creates the root account on a first node. Everything else asks it for the {@link RequestGate} and the views.
 * With {@code auth_enabled: false} it does nothing and {@link #enabled()} is false.
 */
@ApplicationScoped
public class AuthService {

    private static final Logger LOG = Logger.getLogger(AuthService.class.getName());

    private KvsConfig config;
    private Store store;

    private final Directory directory = new Directory();
    private final RevocationList revocations = new RevocationList();
    private ClusterSecret clusterSecret;
    private TokenIssuer issuer;
    private RequestGate gate;
    private AuthRecords records;
    private KeyMetadataView keyMetadata;

    @Inject
    public AuthService(KvsConfig config, Store store) {
        this.config = config;
        this.store = store;
        this.keyMetadata = new KeyMetadataView(store, System::currentTimeMillis);
    }

    protected AuthService() {
    }

    @PostConstruct
    void start() {
        if (!config.authEnabled()) {
            if (config.clusterSecret() != null && !config.clusterSecret().isBlank()) {
                clusterSecret = ClusterSecret.of(config.clusterSecret());
            }
            LOG.warning("auth_enabled is false: every client may read, write and delete every key");
            return;
        }
        boolean joining = !config.seedNodes().isEmpty();
        try {
            ClusterSecretSource.Resolved resolved =
                    ClusterSecretSource.resolve(config.clusterSecret(), config.dataDir(), joining, new SecureRandom());
            clusterSecret = resolved.secret();
            if (resolved.origin() == ClusterSecretSource.Origin.GENERATED) {
                LOG.info(() -> "generated the cluster secret in " + secretFile() + " (mode 0600): nodes joining this "
                        + "cluster need it as cluster_secret in their configuration");
            }
            byte[] key = clusterSecret.jwtSigningKey();
            issuer = new TokenIssuer(key, System::currentTimeMillis);
            TokenVerifier verifier =
                    new TokenVerifier(key, System::currentTimeMillis, revocations::isRevoked, directory::isLiveUser);
            gate = new RequestGate(verifier, directory, config.allowAnonymousRead(), config.allowAnonymousWrite());
            records = new AuthRecords(store, directory, revocations);
            records.load();
            keyMetadata.load();
            Path resetRoot = config.dataDir().resolve(ClusterSecretSource.RESET_ROOT_FILE);
            boolean resetting = Files.exists(resetRoot);
            if (!joining || resetting) {
                new RootBootstrap(config.dataDir(), issuer, verifier, System::currentTimeMillis)
                        .run(!directory.users().isEmpty() && !resetting, records::saveRoot)
                        .ifPresent(file -> LOG.info(() -> "created user root; its admin token is in " + file
                                + " (mode 0600): keep it safe, it is not shown again"));
            }
            ClusterSecretSource.record(config.dataDir(), clusterSecret);
            Files.deleteIfExists(resetRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up authentication in " + config.dataDir(), e);
        }
        LOG.info(() -> "authentication on: " + directory.users().size() + " users, anonymous read "
                + config.allowAnonymousRead() + ", anonymous write " + config.allowAnonymousWrite());
    }

    /** Touching the bean at start-up creates the root account before the first request, not on it. */
    void startAtBoot(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.fine(() -> "auth ready: " + enabled());
    }

    public boolean enabled() {
        return config.authEnabled();
    }

    /**
     * The cluster secret for other uses (node-to-node signing derives its own key with
     * {@link ClusterSecret#deriveKey}); empty only with auth off and no {@code cluster_secret} configured.
     */
    public Optional<ClusterSecret> clusterSecret() {
        return Optional.ofNullable(clusterSecret);
    }

    /** Decides a request's caller (SPEC §3); call only when {@link #enabled()}. */
    public RequestGate.Outcome admit(EndpointAccess access, String authorization) {
        return gate.admit(access, authorization);
    }

    /**
     * Whether a request admitted earlier would still be: for a long-lived one (a watch), whose token may expire, be
     * revoked or lose its user after it was let in. The same check as at the start, answered from the verifier's cache.
     */
    public boolean stillAdmits(EndpointAccess access, String authorization) {
        return !enabled() || admit(access, authorization) instanceof RequestGate.Outcome.Admitted;
    }

    Directory directory() {
        return directory;
    }

    TokenIssuer issuer() {
        return issuer;
    }

    AuthRecords records() {
        return records;
    }

    /** Every key's stored metadata, in memory once started with auth on (empty before: every lookup misses). */
    KeyMetadataView keyMetadata() {
        return keyMetadata;
    }

    KvsConfig config() {
        return config;
    }

    private Path secretFile() {
        return config.dataDir().resolve(ClusterSecretSource.FILE_NAME);
    }
}
