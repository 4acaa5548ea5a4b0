package io.kvs.audit;

import io.kvs.config.KvsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the node's audit chain in {@code data_dir/audit} when {@code tamper_logging_enabled}: opened at start-up
 * (continuing the chain on disk), closed after the last request. Recording never blocks the caller: the entry is
 * durable one group commit later (its fsync is shared with the other entries of the batch).
 */
@ApplicationScoped
public class AuditService {

    public static final String DIRECTORY = "audit";
    private static final Logger LOG = Logger.getLogger(AuditService.class.getName());

    private KvsConfig config;
    private ManagedThreadFactory threads;
    private AuditLog log;

    @Inject
    public AuditService(KvsConfig config, ManagedThreadFactory threads) {
        this.config = config;
        this.threads = threads;
    }

    protected AuditService() {
    }

    @PostConstruct
    void open() {
        if (!config.tamperLoggingEnabled()) {
            return;
        }
        Path dir = config.dataDir().resolve(DIRECTORY);
        try {
            log = AuditLog.open(dir, config.nodeId(), config.durability() == KvsConfig.Durability.FSYNC,
                    System::currentTimeMillis, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log in " + dir, e);
        }
        LOG.info(() -> "audit log " + log.file() + " continues after entry " + log.head().seq());
    }

    /** Opens the chain at start-up, so that a log that cannot be continued stops the deployment at once. */
    void openAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.fine(() -> "audit " + (log == null ? "disabled" : "ready"));
    }

    /** The chain, empty when tamper logging is off. */
    public Optional<AuditLog> log() {
        return Optional.ofNullable(log);
    }

    /** Appends {@code event} without waiting for it; a failed append is logged (the log itself says why). */
    public void record(AuditEvent event) {
        if (log == null) {
            return;
        }
        log.append(event).whenComplete((entry, failure) -> {
            if (failure != null) {
                LOG.log(Level.SEVERE, "audit entry lost: " + event.action() + " by " + event.actor(), failure);
            }
        });
    }

    @PreDestroy
    void close() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing the audit log", e);
            }
        }
    }
}
