package io.kvs.node;

import io.kvs.config.KvsConfig;
import io.kvs.storage.CompactionResult;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the node's {@link Store}: opens it when the application starts (replaying the log before the first request),
 * runs its periodic upkeep on the container's scheduler, and closes it cleanly when the application stops.
 * The store lives in {@code data_dir/store}, apart from the node's other files in {@code data_dir}.
 */
@ApplicationScoped
public class StoreLifecycle {

    private static final Logger LOG = Logger.getLogger(StoreLifecycle.class.getName());

    public static final String STORE_DIRECTORY = "store";
    static final long SEGMENT_BYTES = 64L << 20;
    private static final long REAP_EVERY_SECONDS = 1;
    private static final long COMPACTION_CHECK_EVERY_SECONDS = 10;

    private KvsConfig config;
    private NodeIdentity identity;
    private ManagedThreadFactory threads;
    private ManagedScheduledExecutorService scheduler;

    private Store store;
    private final List<ScheduledFuture<?>> upkeep = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    @Inject
    public StoreLifecycle(KvsConfig config, NodeIdentity identity, ManagedThreadFactory threads,
                          ManagedScheduledExecutorService scheduler) {
        this.config = config;
        this.identity = identity;
        this.threads = threads;
        this.scheduler = scheduler;
    }

    protected StoreLifecycle() {
    }

    /** The store settings a node configuration asks for; {@code revision_limit} counts only with history on. */
    public static StoreSettings settings(KvsConfig config, NodeIdentity identity) {
        return new StoreSettings(
                config.dataDir().resolve(STORE_DIRECTORY),
                config.durability() == KvsConfig.Durability.FSYNC,
                config.compressionEnabled(),
                config.compressionLevel(),
                config.revisionHistoryEnabled() ? config.revisionLimit() : 1,
                config.indexCapacity(),
                SEGMENT_BYTES,
                config.compactionThreshold(),
                TimeUnit.HOURS.toMillis(config.tombstoneGcHours()),
                identity.nodeId(),
                identity.joinedTimestamp(),
                System::currentTimeMillis);
    }

    @PostConstruct
    void open() {
        StoreSettings settings = settings(config, identity);
        Path directory = settings.dataDir();
        try {
            store = Store.open(settings, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + directory, e);
        }
        upkeep.add(scheduler.scheduleWithFixedDelay(this::reapExpired,
                REAP_EVERY_SECONDS, REAP_EVERY_SECONDS, TimeUnit.SECONDS));
        upkeep.add(scheduler.scheduleWithFixedDelay(this::compactIfNeeded,
                COMPACTION_CHECK_EVERY_SECONDS, COMPACTION_CHECK_EVERY_SECONDS, TimeUnit.SECONDS));
        LOG.info(() -> "store open in " + directory + " with " + store.liveKeyCount() + " live keys");
    }

    /** Touching the bean at start-up opens the store now rather than on the first request. */
    void openAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        LOG.fine(() -> "store ready: " + store.logBytes() + " log bytes");
    }

    // @Singleton, not @ApplicationScoped: Store is final and cannot sit behind a client proxy.
    @Produces
    @Singleton
    Store store() {
        return store;
    }

    /**
     * Stops the upkeep and closes the store, once. {@link StoreShutdown} calls it while the application's classes
     * can still be loaded; {@code @PreDestroy} is the fallback, too late on Payara for a close that needs a class
     * not loaded before.
     */
    @PreDestroy
    public void close() {
        if (closed.compareAndSet(false, true)) {
            upkeep.forEach(task -> task.cancel(false));
            store.close();
            LOG.info("store closed cleanly");
        }
    }

    private void reapExpired() {
        try {
            int reaped = store.reapExpired(System.currentTimeMillis());
            if (reaped > 0) {
                LOG.fine(() -> "expired " + reaped + " keys");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TTL reaping failed; next try in " + REAP_EVERY_SECONDS + " s", e);
        }
    }

    private void compactIfNeeded() {
        try {
            CompactionResult result = store.compactIfNeeded();
            if (result != null) {
                LOG.info(() -> "background compaction: " + result.bytesBefore() + " -> " + result.bytesAfter()
                        + " bytes in " + result.durationMs() + " ms");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "background compaction failed; next check in "
                    + COMPACTION_CHECK_EVERY_SECONDS + " s", e);
        }
    }
}
