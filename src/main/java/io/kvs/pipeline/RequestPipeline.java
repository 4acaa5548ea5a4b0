package io.kvs.pipeline;

import io.kvs.auth.AuthService;
import io.kvs.auth.RequestGate;
import io.kvs.auth.tokens.Caller;
import io.kvs.config.KvsConfig;
import io.kvs.kv.KvDataPath;
import io.kvs.ratelimit.RateDecision;
import io.kvs.ratelimit.RateLimit;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.refusals.NotAuthenticatedException;
import io.kvs.refusals.NotPermittedException;
import io.kvs.refusals.Refusal;
import io.kvs.request.ClassifiedRequest;
import io.kvs.request.EndpointAccess;
import io.kvs.request.RequestPath;
import io.kvs.watch.WatchEndpoint;
import io.kvs.web.ApiException;
import io.kvs.web.ErrorBody;
import io.kvs.web.Failure;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * The first step of every request, shared by both ways a request is served. It reads the target once
 * ({@link RequestTarget}), classifies the request once ({@link ClassifiedRequest}: endpoint, client address, and the
 * caller the {@link RequestGate} admits; node-to-node requests by their signature, {@link NodeAdmission}), applies
 * the rate limit, and then either serves a single-key data request
 * itself ({@link KvDataPath}), opens a watch ({@link WatchEndpoint}), or hands the request on to JAX-RS with the classification as a request attribute, which
 * every later step reads instead of parsing again.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // the data path and JAX-RS both suspend writes
public class RequestPipeline extends HttpFilter {

    private AuthService auth;
    private RateLimit rateLimit;
    private KvDataPath dataPath;
    private WatchEndpoint watch;
    private NodeAdmission nodes;
    private ClientAddress clients;

    @Inject
    public RequestPipeline(AuthService auth, RateLimit rateLimit, KvDataPath dataPath, WatchEndpoint watch,
                           NodeAdmission nodes, KvsConfig config) {
        this.auth = auth;
        this.rateLimit = rateLimit;
        this.dataPath = dataPath;
        this.watch = watch;
        this.nodes = nodes;
        this.clients = new ClientAddress(config.trustedProxies());
    }

    protected RequestPipeline() {
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestTarget target;
        ClassifiedRequest classified;
        try {
            target = parseTarget(request);
            String method = request.getMethod();
            RequestPath path = RequestPath.of(target.path());
            EndpointAccess endpoint = EndpointAccess.of(method, path);
            if (endpoint == EndpointAccess.NODE_TO_NODE) {
                request = nodes.admit(request, target.path());
            }
            String client = clients.of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
            classified = new ClassifiedRequest(method, path, endpoint, client,
                    admit(endpoint, request.getHeader("Authorization")).orElse(null));
            applyRateLimit(classified, response);
        } catch (ApiException | Refusal refused) {
            ErrorBody.write(response, Failure.of(refused));
            return;
        }
        if (KvDataPath.serves(target.raw())) {
            dataPath.serve(classified, target.raw(), request, response);
            return;
        }
        if (WatchEndpoint.serves(target.raw())) {
            watch.serve(classified, request, response);
            return;
        }
        request.setAttribute(ClassifiedRequest.ATTRIBUTE, classified);
        chain.doFilter(request, response);
    }

    private static RequestTarget parseTarget(HttpServletRequest request) {
        try {
            return RequestTarget.parse(request.getRequestURI().substring(request.getContextPath().length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** The admitted caller: empty when auth is off or the endpoint takes no token; refusals throw 401 or 403. */
    private Optional<Caller> admit(EndpointAccess endpoint, String authorization) {
        if (!auth.enabled()) {
            return Optional.empty();
        }
        RequestGate.Outcome outcome = auth.admit(endpoint, authorization);
        if (outcome instanceof RequestGate.Outcome.Admitted admitted) {
            return Optional.of(admitted.caller());
        }
        if (outcome instanceof RequestGate.Outcome.Unauthenticated refused) {
            throw new NotAuthenticatedException(refused.reason(),
                    refused.tokenRejected() ? RequestGate.INVALID_TOKEN_CHALLENGE : RequestGate.CHALLENGE);
        }
        if (outcome instanceof RequestGate.Outcome.Forbidden forbidden) {
            throw new NotPermittedException(forbidden.reason());
        }
        return Optional.empty(); // exempt: /health, public and node-to-node endpoints
    }

    /** Adds the limit headers; over the limit, throws 429 with Retry-After. */
    private void applyRateLimit(ClassifiedRequest classified, HttpServletResponse response) {
        Optional<RateDecision> checked = rateLimit.check(classified);
        if (checked.isEmpty()) {
            return;
        }
        RateDecision decision = checked.get();
        response.setHeader(RateLimit.LIMIT_HEADER, Integer.toString(decision.limit()));
        response.setHeader(RateLimit.REMAINING_HEADER, Integer.toString(decision.remaining()));
        if (!decision.allowed()) {
            throw new ApiException(429, rateLimit.refusal(decision),
                    Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
        }
    }
}
