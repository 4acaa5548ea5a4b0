package io.kvs.backup;

import io.kvs.audit.AuditLog;
import io.kvs.audit.AuditService;
import io.kvs.auth.AuthService;
import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.config.KvsConfig;
import io.kvs.config.UnixCron;
import io.kvs.node.NodeIdentity;
import io.kvs.storage.Store;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backups of this node into {@code backup_path}: on demand, and with {@code backup_enabled} at every minute
 * {@code backup_schedule} matches in the node's local time; each backup is followed by the retention sweep.
 * The schedule is a chain of one-shot tasks on the container's scheduler, each planning the next one.
 */
@ApplicationScoped
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class.getName());

    private KvsConfig config;
    private Store store;
    private AuditService audit;
    private AuthService auth;
    private ManagedScheduledExecutorService scheduler;
    private final Clock clock = Clock.systemDefaultZone();

    private BackupShelf shelf;
    private NodeBackup backup;
    private BackupSchedule schedule;
    private Instant plannedFor;
    private ScheduledFuture<?> planned;
    private volatile boolean stopping;

    @Inject
    public BackupService(KvsConfig config, Store store, AuditService audit, AuthService auth,
                         ManagedScheduledExecutorService scheduler) {
        this.config = config;
        this.store = store;
        this.audit = audit;
        this.auth = auth;
        this.scheduler = scheduler;
    }

    protected BackupService() {
    }

    @PostConstruct
    void start() {
        shelf = new BackupShelf(config.backupPath(), config.nodeId());
        Optional<String> fingerprint = auth.enabled()
                ? auth.clusterSecret().map(ClusterSecret::jwtKeyFingerprint) : Optional.empty();
        backup = new NodeBackup(store, config.dataDir(), List.of(config.dataDir().resolve(NodeIdentity.FILE_NAME)),
                this::auditPart, shelf, config.nodeId(), fingerprint, clock);
        if (config.backupEnabled()) {
            schedule = new BackupSchedule(UnixCron.parse(config.backupSchedule()), clock.getZone());
            planNext(clock.instant());
        }
    }

    /** Plans the first scheduled backup at start-up rather than at the first request. */
    void startAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.fine(() -> "backups to " + config.backupPath() + (schedule == null ? ", none scheduled" : ""));
    }

    /** Takes a backup now, then deletes archives past {@code backup_retention}. */
    public BackupResult backupNow() throws IOException {
        BackupResult result = backup.backupNow();
        LOG.info(() -> "backup " + shelf.dir().resolve(result.file()) + ": " + result.keys() + " keys, "
                + result.bytes() + " bytes");
        for (BackupFile expired : shelf.sweep(LocalDateTime.now(clock), config.backupRetention())) {
            LOG.info(() -> "backup " + expired.path() + " deleted: older than " + config.backupRetention() + " days");
        }
        return result;
    }

    /** This node's archives, newest first. */
    public List<BackupFile> list() throws IOException {
        return shelf.list();
    }

    /** When an archive was taken, as Unix ms in the node's zone (the name holds local time). */
    public long takenAtMillis(BackupFile file) {
        return file.name().takenAt().atZone(clock.getZone()).toInstant().toEpochMilli();
    }

    private List<ArchivePart> auditPart() {
        return audit.log().map(log -> List.of(new ArchivePart(AuditService.DIRECTORY + "/" + AuditLog.FILE_NAME,
                log.file(), log.head().length()))).orElse(List.of());
    }

    private synchronized void planNext(Instant after) {
        if (stopping) {
            return;
        }
        Optional<Instant> next = schedule.nextAfter(after);
        if (next.isEmpty()) {
            LOG.warning(() -> "backup_schedule \"" + config.backupSchedule() + "\" never matches again: no more"
                    + " scheduled backups");
            return;
        }
        plannedFor = next.get();
        long delay = Math.max(0, Duration.between(clock.instant(), plannedFor).toMillis());
        planned = scheduler.schedule(this::runScheduled, delay, TimeUnit.MILLISECONDS);
        LOG.fine(() -> "next scheduled backup at " + plannedFor);
    }

    private void runScheduled() {
        Instant due = plannedFor;
        try {
            backupNow();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "scheduled backup failed; next one as scheduled", e);
        } finally {
            // Planned from the time it was due, not from now: a timer firing a little early must not run it twice.
            planNext(due.isAfter(clock.instant()) ? due : clock.instant());
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (planned != null) {
            planned.cancel(false);
        }
    }
}
