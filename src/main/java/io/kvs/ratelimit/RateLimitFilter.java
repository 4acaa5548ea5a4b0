package io.kvs.ratelimit;

import io.kvs.auth.EndpointAccess;
import io.kvs.config.KvsConfig;
import io.kvs.metrics.KvsMetrics;
import io.kvs.web.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Applies {@code rate_limit_requests} per {@code rate_limit_window} to each client (SPEC §5): the token subject
 * when the request carries a verified token, else the remote address (never a forwarding header, which a client
 * could forge). Runs right after authentication, before the request is matched to a resource. Limited responses
 * carry {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}; a refusal is 429 with {@code Retry-After}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION + 100)
@ApplicationScoped
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Bounds the limiter's memory (about 150 bytes per client) whatever the number of addresses seen. */
    static final int MAX_CLIENTS = 100_000;
    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private RateLimiter limiter;
    private KvsConfig config;
    private KvsMetrics metrics;

    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public RateLimitFilter(KvsConfig config, KvsMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.limiter = config.rateLimitingEnabled()
                ? new RateLimiter(config.rateLimitRequests(), config.rateLimitWindow(), MAX_CLIENTS, System::nanoTime)
                : null;
    }

    protected RateLimitFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (limiter == null || exempt(request.getMethod(), request.getUriInfo().getPath(true))) {
            return;
        }
        RateDecision decision = limiter.check(client(request.getSecurityContext()));
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            metrics.rateLimited();
            request.abortWith(ErrorBody.response(429, "rate limit exceeded: " + decision.limit()
                    + " requests per " + config.rateLimitWindow().toSeconds() + " s; retry after "
                    + decision.retryAfterSeconds() + " s")
                    .header("Retry-After", decision.retryAfterSeconds())
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateDecision decision) {
            response.getHeaders().putSingle(LIMIT_HEADER, decision.limit());
            response.getHeaders().putSingle(REMAINING_HEADER, decision.remaining());
        }
    }

    /** {@code /health} and node-to-node endpoints (authenticated by the cluster secret, not by tokens). */
    static boolean exempt(String method, String path) {
        EndpointAccess access = EndpointAccess.of(method, path);
        return access == EndpointAccess.HEALTH || access == EndpointAccess.NODE_TO_NODE;
    }

    private String client(SecurityContext security) {
        if (security != null && security.getAuthenticationScheme() != null && security.getUserPrincipal() != null) {
            return "user:" + security.getUserPrincipal().getName();
        }
        return "address:" + servletRequest.getRemoteAddr();
    }
}
