package io.kvs.cluster.transport;

import io.kvs.auth.AuthService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * The node-to-node signer of this node, from the cluster secret: the one place that decides whether node-to-node
 * calls are authenticated. Empty with auth off and no {@code cluster_secret}: the cluster then runs open.
 */
@ApplicationScoped
public class NodeSigning {

    /** A request older or newer than this (sender's clock against ours) is refused as a possible replay. */
    private static final Duration REPLAY_WINDOW = Duration.ofSeconds(30);

    private AuthService auth;
    private RequestSigner signer;

    @Inject
    public NodeSigning(AuthService auth) {
        this.auth = auth;
    }

    protected NodeSigning() {
    }

    @PostConstruct
    void start() {
        signer = auth.clusterSecret()
                .map(secret -> new RequestSigner(secret.deriveKey(RequestSigner.KEY_PURPOSE), REPLAY_WINDOW,
                        System::currentTimeMillis))
                .orElse(null);
    }

    public Optional<RequestSigner> signer() {
        return Optional.ofNullable(signer);
    }
}
