package io.kvs.watch;

import io.kvs.storage.Store;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

import java.time.Duration;

import static io.kvs.metrics.KvsMetrics.meta;

/** The node's {@link WatchHub}, on a container-managed thread, with its figures in {@code /metrics}. */
@ApplicationScoped
public class WatchService {

    /** SPEC §7: a comment at least every 15 s; a little more often, so that a slow scrape of time stays inside it. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private Store store;
    private ManagedThreadFactory threads;
    private MetricRegistry registry;
    private WatchHub hub;

    @Inject
    public WatchService(Store store, ManagedThreadFactory threads, MetricRegistry registry) {
        this.store = store;
        this.threads = threads;
        this.registry = registry;
    }

    protected WatchService() {
    }

    @PostConstruct
    void start() {
        Counter dropped = registry.counter(meta("kvs_watchers_dropped",
                "Watchers disconnected for falling behind what the change feed keeps in memory", MetricUnits.NONE));
        hub = new WatchHub(store, threads, KEEP_ALIVE, System::nanoTime, dropped::inc);
        registry.gauge(meta("kvs_watchers", "Open watch streams (GET /kv/_watch)", MetricUnits.NONE), hub,
                WatchHub::open);
    }

    @PreDestroy
    void stop() {
        hub.close();
    }

    public WatchHub hub() {
        return hub;
    }
}
