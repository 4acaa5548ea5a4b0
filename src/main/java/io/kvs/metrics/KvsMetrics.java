package io.kvs.metrics;

import io.kvs.storage.Store;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * kvs's figures in the application registry of MicroProfile Metrics, which Payara serves as Prometheus text at
 * {@code /metrics} (names there carry the registry's {@code mp_scope="application"} tag). Store figures are read
 * when scraped; request figures are counted by {@link RequestMetricsFilter} and the rate limiter; the cluster registers its own.
 */
@ApplicationScoped
public class KvsMetrics {

    /** Request rates are averaged over this many completed seconds. */
    static final int RATE_SECONDS = 10;

    private MetricRegistry registry;
    private Store store;

    private final RateMeter reads = new RateMeter(RATE_SECONDS, System::currentTimeMillis);
    private final RateMeter writes = new RateMeter(RATE_SECONDS, System::currentTimeMillis);
    private Counter readsTotal;
    private Counter writesTotal;
    private Counter rateLimited;

    @Inject
    public KvsMetrics(MetricRegistry registry, Store store) {
        this.registry = registry;
        this.store = store;
    }

    protected KvsMetrics() {
    }

    @PostConstruct
    void register() {
        registry.gauge(meta("kvs_live_keys", "Keys with a live value (reserved auth and metadata keys included)",
                MetricUnits.NONE), store, Store::liveKeyCount);
        registry.gauge(meta("kvs_log_bytes", "Bytes of all log segments on disk", MetricUnits.BYTES),
                store, Store::logBytes);
        registry.gauge(meta("kvs_log_dead_fraction", "Share of the log that compaction would reclaim (0 to 1)",
                MetricUnits.NONE), store, Store::deadFraction);
        registry.gauge(meta("kvs_reads_per_second", "Successful GET /kv requests per second, last "
                + RATE_SECONDS + " s", MetricUnits.PER_SECOND), reads, RateMeter::perSecond);
        registry.gauge(meta("kvs_writes_per_second", "Successful PUT and DELETE /kv requests per second, last "
                + RATE_SECONDS + " s", MetricUnits.PER_SECOND), writes, RateMeter::perSecond);
        readsTotal = registry.counter(meta("kvs_reads", "Successful GET /kv requests", MetricUnits.NONE));
        writesTotal = registry.counter(meta("kvs_writes", "Successful PUT and DELETE /kv requests", MetricUnits.NONE));
        rateLimited = registry.counter(meta("kvs_rate_limit_rejections",
                "Requests refused with 429 by the rate limiter", MetricUnits.NONE));
        Histogram batchSize = registry.histogram(meta("kvs_group_commit_batch_size",
                "Records written per group commit", MetricUnits.NONE));
        // A histogram of microseconds, not a Timer: Payara 6.2025.10 exports a Timer's quantiles in nanoseconds
        // while labelling them seconds.
        Histogram fsync = registry.histogram(meta("kvs_fsync_latency_microseconds",
                "Time to force one group commit to disk, in microseconds", MetricUnits.NONE));
        store.observeCommits((records, forceNanos) -> {
            batchSize.update(records);
            if (forceNanos >= 0) {
                fsync.update(forceNanos / 1_000);
            }
        });
    }

    /** Registers the figures at start-up, so that /metrics shows them before the first request. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // observing the event is what makes the container create this bean, and so run register(), now
    }

    /** Counts a data request ({@code /kv}) that succeeded: reads for GET and HEAD, writes for PUT and DELETE. */
    public void countDataRequest(String method, int status) {
        if (status < 200 || status > 299) {
            return;
        }
        switch (method) {
            case "GET", "HEAD" -> {
                reads.mark();
                readsTotal.inc();
            }
            case "PUT", "DELETE" -> {
                writes.mark();
                writesTotal.inc();
            }
            default -> {
                // other methods on /kv are refused before they change or read anything
            }
        }
    }

    public void rateLimited() {
        rateLimited.inc();
    }

    /** Counts a node-to-node request refused 401, by why ({@code missing}, {@code bad_signature}, ...). */
    public void nodeAuthenticationFailed(String reason) {
        registry.counter(NODE_AUTH_FAILURES, new Tag("reason", reason)).inc();
    }

    private static final Metadata NODE_AUTH_FAILURES = meta("kvs_node_auth_failures",
            "Node-to-node requests refused for a missing, stale or wrong signature", MetricUnits.NONE);

    /** The metadata of one application figure; its name is what Prometheus shows (with the registry's tags). */
    public static Metadata meta(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }
}
