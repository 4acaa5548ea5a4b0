package io.kvs.ratelimit;

import io.kvs.config.AddressRange;
import io.kvs.config.KvsConfig;
import io.kvs.metrics.KvsMetrics;
import io.kvs.request.ClassifiedRequest;
import io.kvs.request.EndpointAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet6Address;
import java.util.Optional;

/**
 * Applies {@code rate_limit_requests} per {@code rate_limit_window} to each client (SPEC §5): the token subject when
 * the request carries a verified token, else the client's address (the socket peer, or what a proxy listed in
 * {@code trusted_proxies} forwarded: never a forwarding header from anyone else, which a client could forge). The request pipeline asks it once per request, right after authentication, on both the servlet data path
 * and the way to JAX-RS.
 */
@ApplicationScoped
public class RateLimit {

    /** Bounds the limiter's memory (about 150 bytes per client) whatever the number of addresses seen. */
    static final int MAX_CLIENTS = 100_000;
    public static final String LIMIT_HEADER = "X-RateLimit-Limit";
    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private KvsConfig config;
    private KvsMetrics metrics;
    private RateLimiter limiter;

    @Inject
    public RateLimit(KvsConfig config, KvsMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.limiter = config.rateLimitingEnabled()
                ? new RateLimiter(config.rateLimitRequests(), config.rateLimitWindow(), MAX_CLIENTS, System::nanoTime)
                : null;
    }

    protected RateLimit() {
    }

    /** The decision for this request; empty when rate limiting is off or the endpoint is exempt. */
    public Optional<RateDecision> check(ClassifiedRequest request) {
        if (limiter == null || exempt(request.endpoint())) {
            return Optional.empty();
        }
        RateDecision decision = limiter.check(bucketOf(request));
        if (!decision.allowed()) {
            metrics.rateLimited();
        }
        return Optional.of(decision);
    }

    /**
     * Whose bucket a request draws from (SPEC §5): the token subject, else the client's address; an IPv6 client's
     * /64, since one host commonly holds a whole /64 and could otherwise take a fresh bucket per request.
     */
    static String bucketOf(ClassifiedRequest request) {
        if (request.authenticated()) {
            return "user:" + request.caller().user();
        }
        String address = request.clientAddress();
        return AddressRange.literal(address).filter(Inet6Address.class::isInstance)
                .map(v6 -> "address:" + new AddressRange(AddressRange.masked(v6.getAddress(), 64), 64))
                .orElse("address:" + address);
    }

    /** The reason given with a 429. */
    public String refusal(RateDecision decision) {
        return "rate limit exceeded: " + decision.limit() + " requests per " + config.rateLimitWindow().toSeconds()
                + " s; retry after " + decision.retryAfterSeconds() + " s";
    }

    /** {@code /health} and node-to-node endpoints (authenticated by the cluster secret, not by tokens). */
    static boolean exempt(EndpointAccess endpoint) {
        return endpoint == EndpointAccess.HEALTH || endpoint == EndpointAccess.NODE_TO_NODE;
    }
}
