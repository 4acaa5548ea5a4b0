package io.kvs.node;

import io.kvs.cluster.sync.BootstrapProgress;
import io.kvs.config.KvsConfig;
import io.kvs.refusals.NodeUnavailableException;
import io.kvs.refusals.NotPermittedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.function.Supplier;

/** The node's current {@link Mode}, and the one rule for whether it takes client writes. */
@ApplicationScoped
public class NodeMode {

    /** How long a client should wait before retrying a write refused while syncing. */
    public static final long SYNCING_RETRY_AFTER_SECONDS = 5;

    private KvsConfig config;
    /** While the node bootstraps from the cluster: how far it is; null otherwise. */
    private volatile Supplier<BootstrapProgress> bootstrap;

    @Inject
    public NodeMode(KvsConfig config) {
        this.config = config;
    }

    protected NodeMode() {
    }

    public Mode current() {
        return config.readOnly() ? Mode.READ_ONLY : bootstrap != null ? Mode.SYNCING : Mode.NORMAL;
    }

    /** The node is fetching the cluster's data: client writes wait until {@link #leaveSyncing()}. */
    public void enterSyncing(Supplier<BootstrapProgress> progress) {
        bootstrap = progress;
    }

    public void leaveSyncing() {
        bootstrap = null;
    }

    /** How far the bootstrap is, while syncing. */
    public Optional<BootstrapProgress> bootstrapProgress() {
        Supplier<BootstrapProgress> progress = bootstrap;
        return progress == null ? Optional.empty() : Optional.ofNullable(progress.get());
    }

    /** Refuses a client write: 403 in read-only mode, 503 with Retry-After while syncing. */
    public void requireClientWrites() {
        switch (current()) {
            case READ_ONLY -> throw new NotPermittedException("this node is read-only: writes are refused");
            case SYNCING -> throw new NodeUnavailableException("this node is still syncing with the cluster",
                    SYNCING_RETRY_AFTER_SECONDS);
            case NORMAL -> {
            }
        }
    }
}
