package io.kvs.pipeline;

import io.kvs.cluster.transport.NodeBodyLimits;
import io.kvs.cluster.transport.NodeSigning;
import io.kvs.cluster.transport.RequestSignature;
import io.kvs.cluster.transport.RequestSigner;
import io.kvs.kv.BoundedBody;
import io.kvs.metrics.KvsMetrics;
import io.kvs.ratelimit.RateDecision;
import io.kvs.ratelimit.RateLimiter;
import io.kvs.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Admits a node-to-node request ({@code /sync/*}, {@code /members/*} but the public list and leave) only when it is
 * signed with the cluster secret ({@link RequestSigner}). Everything but the body is checked first, so a stranger
 * never makes a node read a body byte; then the body is read within its path's cap ({@link NodeBodyLimits}), large
 * bodies one of {@value #LARGE_READS} at a time, and checked against its signed digest. Every refusal is counted in
 * {@code /metrics}, and an address that keeps failing is refused with 429 before anything is checked. A cluster
 * without a secret (auth off, no {@code cluster_secret}) runs open, as the log warned at start.
 */
@ApplicationScoped
public class NodeAdmission {

    /** Large bodies read at once: two 64 MiB batches stay well inside the heap whatever the peers send. */
    static final int LARGE_READS = 2;
    /**
     * Failed node authentications an address may have per {@link #FAILURE_WINDOW} before it is refused outright.
     * Keyed on the address, so a stranger sharing a peer's address (a loopback test cluster) could delay that peer.
     */
    static final int FAILURES_ALLOWED = 50;
    static final Duration FAILURE_WINDOW = Duration.ofSeconds(10);
    private static final int MAX_TRACKED_ADDRESSES = 10_000;
    private static final Map<String, String> CLOSE = Map.of("Connection", "close");

    private NodeSigning signing;
    private KvsMetrics metrics;
    private final Semaphore largeReads = new Semaphore(LARGE_READS);
    private final RateLimiter failures = new RateLimiter(FAILURES_ALLOWED, FAILURE_WINDOW, MAX_TRACKED_ADDRESSES,
            System::nanoTime);

    @Inject
    public NodeAdmission(NodeSigning signing, KvsMetrics metrics) {
        this.signing = signing;
        this.metrics = metrics;
    }

    protected NodeAdmission() {
    }

    /**
     * The request to hand on, its body already read and verified; or the request itself when the cluster runs open.
     *
     * @param path the decoded path relative to the root, as classified
     * @throws ApiException 401, 413, 429 or 503 (with Connection: close, so the unread body is not drained)
     */
    HttpServletRequest admit(HttpServletRequest request, String path) {
        Optional<RequestSigner> configured = signing.signer();
        if (configured.isEmpty()) {
            return request;
        }
        RequestSigner signer = configured.get();
        String client = request.getRemoteAddr();
        RateDecision standing = failures.peek(client);
        if (!standing.allowed()) {
            metrics.rateLimited();
            throw new ApiException(429, "too many failed node authentications from this address; retry after "
                    + standing.retryAfterSeconds() + " s", Map.of("Retry-After",
                    Long.toString(standing.retryAfterSeconds()), "Connection", "close"));
        }
        RequestSignature presented = new RequestSignature(request.getHeader(RequestSignature.NODE_HEADER),
                request.getHeader(RequestSignature.TIMESTAMP_HEADER),
                request.getHeader(RequestSignature.BODY_DIGEST_HEADER),
                request.getHeader(RequestSignature.SIGNATURE_HEADER));
        String query = request.getQueryString();
        RequestSigner.Check check = signer.verifyHeaders(request.getMethod(),
                request.getRequestURI() + (query == null ? "" : "?" + query), presented);
        if (check != RequestSigner.Check.VALID) {
            throw refused(client, check);
        }
        byte[] body = readBody(request, NodeBodyLimits.maxBodyBytes(path));
        if (!RequestSigner.bodyMatches(presented, body)) {
            throw refused(client, RequestSigner.Check.BODY_MISMATCH);
        }
        return new ReadBody(request, body);
    }

    private byte[] readBody(HttpServletRequest request, int cap) {
        long declared = request.getContentLengthLong();
        if (!NodeBodyLimits.mayBeLarge(declared, cap)) {
            return read(request, declared, cap);
        }
        if (!largeReads.tryAcquire()) {
            throw new ApiException(503, "too many large node-to-node bodies in flight; retry",
                    Map.of("Retry-After", "1", "Connection", "close"));
        }
        try {
            return read(request, declared, cap);
        } finally {
            largeReads.release();
        }
    }

    private static byte[] read(HttpServletRequest request, long declared, int cap) {
        try {
            return BoundedBody.read(request.getInputStream(), declared, cap, "the node-to-node limit of this path");
        } catch (IOException e) {
            throw new ApiException(400, "could not read the request body: " + e.getMessage(), CLOSE);
        }
    }

    private ApiException refused(String client, RequestSigner.Check check) {
        failures.check(client);
        metrics.nodeAuthenticationFailed(check.name().toLowerCase(Locale.ROOT));
        return new ApiException(401, check.reason(), CLOSE);
    }

    /** The request with its body already in memory, for JAX-RS to read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
