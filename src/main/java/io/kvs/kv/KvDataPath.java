package io.kvs.kv;

import io.kvs.audit.AuditService;
import io.kvs.audit.AuditedRequest;
import io.kvs.auth.KeyAccess;
import io.kvs.config.Durations;
import io.kvs.config.KvsConfig;
import io.kvs.keys.Keys;
import io.kvs.metrics.KvsMetrics;
import io.kvs.node.NodeMode;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.request.ClassifiedRequest;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import io.kvs.web.ApiException;
import io.kvs.web.ErrorBody;
import io.kvs.web.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET}, {@code PUT} and {@code DELETE /kv/{key}} (SPEC §2), served at the servlet level by the request
 * pipeline rather than by JAX-RS, which caps a request path near 15k/s on this hardware (DESIGN §4). Writes are
 * asynchronous: the request is suspended and completed by the store's acknowledger once its group commit is durable,
 * so no request thread waits for a disk flush. Every rule is the shared one: key syntax ({@link Keys}), permissions
 * ({@link KeyAccess}), modes ({@link NodeMode}), conditional headers ({@link EntityTags}), the body
 * ({@link PutBody}), the audit rule ({@link AuditedRequest}), the error shape ({@link Failure}).
 */
@ApplicationScoped
public class KvDataPath {

    private static final Logger LOG = Logger.getLogger(KvDataPath.class.getName());
    private static final String PREFIX = "kv/";
    /** Endpoints under /kv/ that name no key: {@code _range} (JAX-RS) and {@code _watch} (the watch endpoint). */
    private static final List<String> JAX_RS_ENDPOINTS = List.of("_range", "_watch");
    private static final String ALLOW = "GET, HEAD, PUT, DELETE, OPTIONS";
    private static final String JSON = "application/json";

    private Store store;
    private NodeMode mode;
    private KvsConfig config;
    private KeyAccess access;
    private AuditService audit;
    private KvsMetrics metrics;

    @Inject
    public KvDataPath(Store store, NodeMode mode, KvsConfig config, KeyAccess access, AuditService audit,
                      KvsMetrics metrics) {
        this.store = store;
        this.mode = mode;
        this.config = config;
        this.access = access;
        this.audit = audit;
        this.metrics = metrics;
    }

    protected KvDataPath() {
    }

    /** Whether a raw path (relative to the application root, no leading slash) names a single key under /kv/. */
    public static boolean serves(String rawPath) {
        // "kv/" too: a data request without its key, which is the client's mistake (400, SPEC §1), not an absent path
        return rawPath.startsWith(PREFIX)
                && !JAX_RS_ENDPOINTS.contains(rawPath.substring(PREFIX.length()));
    }

    /** Answers the request, synchronously for reads and failures, asynchronously for writes that reach the store. */
    public void serve(ClassifiedRequest classified, String rawPath, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        try {
            switch (classified.method()) {
                case "GET", "HEAD" -> get(classified, key(rawPath), request, response);
                case "PUT" -> put(classified, key(rawPath), request, response);
                case "DELETE" -> delete(classified, key(rawPath), request, response);
                case "OPTIONS" -> {
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                    response.setHeader("Allow", ALLOW);
                }
                default -> {
                    response.setHeader("Allow", ALLOW);
                    throw new ApiException(405, ErrorBody.reason(405));
                }
            }
        } catch (RuntimeException e) {
            ErrorBody.write(response, Failure.of(e));
        }
    }

    private void get(ClassifiedRequest classified, String key, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        if (wantsHistory(request.getParameter("history"))) {
            history(classified, key, response);
            return;
        }
        access.requireRead(classified.caller(), key);
        StoredValue value = store.get(key).orElseThrow(() -> new NoLiveValueException(key));
        String tag = EntityTags.of(value.version().uuid());
        response.setHeader("ETag", tag);
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && EntityTags.noneMatch(ifNoneMatch, value.version().uuid())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        writeJson(classified, response, HttpServletResponse.SC_OK, KvJson.value(value));
        metrics.countDataRequest(classified.method(), HttpServletResponse.SC_OK);
    }

    private void history(ClassifiedRequest classified, String key, HttpServletResponse response) throws IOException {
        if (!config.revisionHistoryEnabled()) {
            throw new InvalidRequestException("revision history is disabled on this node (revision_history_enabled)");
        }
        List<StoredValue> revisions = store.history(key, config.revisionLimit());
        if (revisions.isEmpty()) {
            throw new NoLiveValueException(key);
        }
        access.requireRead(classified.caller(), key);
        writeJson(classified, response, HttpServletResponse.SC_OK, KvJson.history(key, revisions));
        metrics.countDataRequest(classified.method(), HttpServletResponse.SC_OK);
    }

    private void put(ClassifiedRequest classified, String key, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        mode.requireClientWrites();
        requireJson(request.getContentType());
        Precondition precondition = EntityTags.forWrite(request.getHeader("If-Match"),
                request.getHeader("If-None-Match"));
        byte[] body = BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), config.maxJsonSize());
        PutBody put = PutBody.parse(body);
        long expiresAt = expiresAt(put.ttl());
        String bodySha256 = audit.log().isPresent() ? sha256(body) : null;
        CompletableFuture<StoredValue> write = access.put(classified.caller(), key, put.data(), expiresAt,
                precondition);
        completeWhenDurable(classified, request, response, write, bodySha256, written -> {
            response.setHeader("ETag", EntityTags.of(written.version().uuid()));
            writeJson(classified, response, HttpServletResponse.SC_OK, KvJson.written(written));
            return HttpServletResponse.SC_OK;
        });
    }

    private void delete(ClassifiedRequest classified, String key, HttpServletRequest request,
                        HttpServletResponse response) {
        mode.requireClientWrites();
        Precondition precondition = EntityTags.forWrite(request.getHeader("If-Match"), null);
        CompletableFuture<StoredValue> write = access.delete(classified.caller(), key, precondition);
        completeWhenDurable(classified, request, response, write, null, deleted -> {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return HttpServletResponse.SC_NO_CONTENT;
        });
    }

    /**
     * Suspends the request and answers it on whichever thread completes the write (the store's acknowledger, beside
     * its writer): no hand-off to another executor, which measured ~9 % slower (DESIGN §4).
     */
    private void completeWhenDurable(ClassifiedRequest classified, HttpServletRequest request,
                                     HttpServletResponse response, CompletableFuture<StoredValue> write,
                                     String bodySha256, Answer success) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the store completes every write it accepted, in success or failure
        write.whenComplete((written, failure) -> {
            try {
                if (failure != null) {
                    ErrorBody.write(response, Failure.of(failure));
                } else {
                    int status = success.write(written);
                    metrics.countDataRequest(classified.method(), status);
                    AuditedRequest.of(classified.method(), classified.path(), status, classified.actor(), bodySha256)
                            .ifPresent(audit::record);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "could not answer a write (client gone?)", e);
            } finally {
                async.complete();
            }
        });
    }

    private static void writeJson(ClassifiedRequest classified, HttpServletResponse response, int status, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        if (!classified.method().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }

    /** An invalid key throws {@link io.kvs.keys.InvalidKeyException}, which {@link Failure} answers with 400. */
    private static String key(String rawPath) {
        return Keys.parse(rawPath.substring(PREFIX.length()));
    }

    private static boolean wantsHistory(String history) {
        if (history == null || history.equals("false")) {
            return false;
        }
        if (history.equals("true")) {
            return true;
        }
        throw new InvalidRequestException("history must be true or false");
    }

    /** SPEC §2: {@code application/json}, parameters such as charset allowed; anything else, or none, is a 415. */
    static void requireJson(String contentType) {
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].indexOf('=') <= 0) {
                throw new InvalidRequestException("malformed Content-Type: parameters must be name=value");
            }
        }
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals(JSON)) {
            throw ApiException.unsupportedMediaType("Content-Type must be application/json");
        }
    }

    /** Unix ms at which a value written now expires, 0 for never; without a ttl, {@code default_ttl} applies. */
    private long expiresAt(String ttl) {
        Duration lifetime;
        try {
            lifetime = ttl == null ? config.defaultTtl() : Durations.parse(ttl);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidRequestException("invalid ttl: " + e.getMessage());
        }
        if (lifetime.isZero()) {
            return 0;
        }
        try {
            return Math.addExact(System.currentTimeMillis(), lifetime.toMillis());
        } catch (ArithmeticException e) {
            throw new InvalidRequestException("ttl \"" + ttl + "\" is too long");
        }
    }

    private static String sha256(byte[] body) {
        return HexFormat.of().formatHex(AuditedRequest.bodyDigest().digest(body));
    }

    /** Writes a successful write's answer and returns its status. */
    @FunctionalInterface
    private interface Answer {
        int write(StoredValue written) throws IOException;
    }
}
