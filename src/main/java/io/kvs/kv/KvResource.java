package io.kvs.kv;

import io.kvs.auth.KeyAccess;
import io.kvs.config.Durations;
import io.kvs.config.KvsConfig;
import io.kvs.health.NodeMode;
import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import io.kvs.web.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * {@code GET}, {@code PUT} and {@code DELETE /kv/{key}} (SPEC §2). Writes suspend the request and are resumed by the
 * store once the version is durable, so no request thread waits for a disk flush.
 */
@Path("kv")
@ApplicationScoped
public class KvResource {

    private static final String KEY = "{key: .+}";
    private static final String PREFIX = "kv/";

    private Store store;
    private NodeMode mode;
    private KvsConfig config;
    private KeyAccess access;

    @Inject
    public KvResource(Store store, NodeMode mode, KvsConfig config, KeyAccess access) {
        this.store = store;
        this.mode = mode;
        this.config = config;
        this.access = access;
    }

    protected KvResource() {
    }

    @GET
    @Path(KEY)
    public Response get(@Context UriInfo uri, @Context SecurityContext security,
                        @QueryParam("history") String history,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String key = key(uri);
        if (wantsHistory(history)) {
            return history(key, security);
        }
        StoredValue value = store.get(key).orElseThrow(() -> noLiveValue(key));
        access.requireRead(security, key); // auth hook: key permissions
        String tag = EntityTags.of(value.version().uuid());
        if (ifNoneMatch != null && EntityTags.noneMatch(ifNoneMatch, value.version().uuid())) {
            return Response.notModified().header(HttpHeaders.ETAG, tag).build();
        }
        return Response.ok(KvJson.value(value), MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, tag).build();
    }

    @PUT
    @Path(KEY)
    @Consumes(MediaType.APPLICATION_JSON)
    public void put(@Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security,
                    InputStream body,
                    @Suspended AsyncResponse response) {
        String key = key(uri);
        mode.requireClientWrites();
        requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        Precondition precondition = EntityTags.forWrite(headers.getHeaderString(HttpHeaders.IF_MATCH),
                headers.getHeaderString(HttpHeaders.IF_NONE_MATCH));
        PutBody put = PutBody.parse(BoundedBody.read(body, headers.getLength(), config.maxJsonSize()));
        long expiresAt = expiresAt(put.ttl());
        // auth hook: checks write or create permission and writes the key's metadata
        resumeWhenDone(response, access.put(security, key, put.data(), expiresAt, precondition),
                written -> Response.ok(KvJson.written(written), MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.ETAG, EntityTags.of(written.version().uuid())).build());
    }

    @DELETE
    @Path(KEY)
    public void delete(@Context UriInfo uri, @Context SecurityContext security,
                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                       @Suspended AsyncResponse response) {
        String key = key(uri);
        mode.requireClientWrites();
        Precondition precondition = EntityTags.forWrite(ifMatch, null);
        // auth hook: checks delete permission
        resumeWhenDone(response, access.delete(security, key, precondition), deleted -> Response.noContent().build());
    }

    private Response history(String key, SecurityContext security) {
        if (!config.revisionHistoryEnabled()) {
            throw ApiException.badRequest("revision history is disabled on this node (revision_history_enabled)");
        }
        // a delete between two writes is part of the key's history in the store, but has no data to show
        List<StoredValue> revisions = store.history(key, config.revisionLimit()).stream()
                .filter(revision -> !revision.tombstone())
                .toList();
        if (revisions.isEmpty()) {
            throw noLiveValue(key);
        }
        access.requireRead(security, key); // auth hook: key permissions
        return Response.ok(KvJson.history(key, revisions), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * The key from the raw request path: {@code @PathParam} would have decoded {@code %2F} into a slash and cut
     * everything after a {@code ;} off as a matrix parameter.
     */
    private static String key(UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        String raw = path.substring(uri.getBaseUri().getRawPath().length() + PREFIX.length());
        try {
            return Keys.parse(raw);
        } catch (InvalidKeyException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static boolean wantsHistory(String history) {
        if (history == null || history.equals("false")) {
            return false;
        }
        if (history.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("history must be true or false");
    }

    // @Consumes lets a missing Content-Type and wildcards such as application/* through; SPEC wants application/json.
    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !type.getType().equalsIgnoreCase("application")
                || !type.getSubtype().equalsIgnoreCase("json")) {
            throw ApiException.unsupportedMediaType("Content-Type must be application/json");
        }
    }

    /** Unix ms at which a value written now expires, 0 for never; without a ttl, {@code default_ttl} applies. */
    private long expiresAt(String ttl) {
        Duration lifetime;
        try {
            lifetime = ttl == null ? config.defaultTtl() : Durations.parse(ttl);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiException.badRequest("invalid ttl: " + e.getMessage());
        }
        if (lifetime.isZero()) {
            return 0;
        }
        try {
            return Math.addExact(System.currentTimeMillis(), lifetime.toMillis());
        } catch (ArithmeticException e) {
            throw ApiException.badRequest("ttl \"" + ttl + "\" is too long");
        }
    }

    private static ApiException noLiveValue(String key) {
        return ApiException.notFound("no live value for key " + key);
    }

    /**
     * Resumes on whichever thread completes the write (the store's acknowledger, which runs beside its writer): no
     * hand-off to another executor.
     */
    private static <T> void resumeWhenDone(AsyncResponse response, CompletableFuture<T> write,
                                           Function<T, Response> success) {
        write.whenComplete((result, failure) -> {
            if (failure != null) {
                response.resume(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
                return;
            }
            try {
                response.resume(success.apply(result));
            } catch (RuntimeException e) {
                response.resume(e); // never leave the client waiting on a request nobody will resume
            }
        });
    }
}
