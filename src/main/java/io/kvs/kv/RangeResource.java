package io.kvs.kv;

import io.kvs.audit.AuditService;
import io.kvs.audit.AuditedRequest;
import io.kvs.auth.CallerContext;
import io.kvs.auth.KeyAccess;
import io.kvs.keys.Keys;
import io.kvs.node.NodeMode;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.request.ClassifiedRequest;
import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.function.Predicate;

/**
 * {@code /kv/_range}: {@code GET} lists live keys in byte order a page at a time (SPEC §2), one level at a time with
 * a separator (§10); {@code DELETE} deletes every key under a prefix (§10).
 */
@Path("kv/_range")
@ApplicationScoped
public class RangeResource {

    private static final Predicate<String> CLIENT_KEYS = key -> !Keys.isReserved(key);

    private Store store;
    private KeyAccess access;
    private NodeMode mode;
    private AuditService audit;

    @Inject
    public RangeResource(Store store, KeyAccess access, NodeMode mode, AuditService audit) {
        this.store = store;
        this.access = access;
        this.mode = mode;
        this.audit = audit;
    }

    protected RangeResource() {
    }

    @GET
    public Response range(@Context SecurityContext security, @QueryParam("start_key") String startKey,
                          @QueryParam("end_key") String endKey, @QueryParam("prefix") String prefix,
                          @QueryParam("separator") String separator, @QueryParam("limit") String limit,
                          @QueryParam("include_values") String includeValues) {
        RangeQuery query = RangeQuery.parse(startKey, endKey, prefix, separator, limit, includeValues);
        // auth hook: only the keys the caller may read are listed, and counted
        Predicate<String> listed = CLIENT_KEYS.and(access.readable(CallerContext.callerOf(security)));
        byte[] body = query.separator() == null
                ? KvJson.range(store.range(query.startKey(), query.endKey(), query.limit(), query.includeValues(),
                        listed), query.includeValues())
                : KvJson.level(store.level(query.prefix(), query.separator(), query.startKey(), query.limit(),
                        query.includeValues(), listed), query.includeValues());
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Every live key under {@code prefix} that the caller may delete, as the caller's own deletes would: read-only
     * and syncing nodes refuse it, and each key is checked, tombstoned and audited as {@code DELETE /kv/<key>}.
     */
    @DELETE
    public Response deletePrefix(@Context HttpServletRequest request, @QueryParam("prefix") String prefix,
                                 @QueryParam("all") String all) {
        ClassifiedRequest classified = ClassifiedRequest.of(request::getAttribute);
        mode.requireClientWrites();
        if (all != null && !all.equals("true") && !all.equals("false")) {
            throw new InvalidRequestException("all must be true or false");
        }
        String checked = prefix == null ? "" : prefix;
        if (checked.isEmpty()) {
            if (!"true".equals(all)) {
                throw new InvalidRequestException("a prefix is required; to delete every key, send all=true"
                        + " with an admin token");
            }
            access.requireAdmin(classified.caller(), "deleting every key");
        } else {
            Keys.checkPrefix(checked);
        }
        PrefixDeletion.Outcome outcome = PrefixDeletion.run(store, checked,
                key -> access.delete(classified.caller(), key, Precondition.NONE),
                key -> audit.record(AuditedRequest.keyDeleted(classified.actor(), key)));
        return Response.ok(outcome.json(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
