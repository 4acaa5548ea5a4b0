package io.kvs.kv;

import io.kvs.auth.CallerContext;
import io.kvs.auth.KeyAccess;
import io.kvs.keys.Keys;
import io.kvs.storage.RangePage;
import io.kvs.storage.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.function.Predicate;

/** {@code GET /kv/_range} (SPEC §2): live keys in byte order, a page at a time. */
@Path("kv/_range")
@ApplicationScoped
public class RangeResource {

    private static final Predicate<String> CLIENT_KEYS = key -> !Keys.isReserved(key);

    private Store store;
    private KeyAccess access;

    @Inject
    public RangeResource(Store store, KeyAccess access) {
        this.store = store;
        this.access = access;
    }

    protected RangeResource() {
    }

    @GET
    public Response range(@Context SecurityContext security, @QueryParam("start_key") String startKey, @QueryParam("end_key") String endKey,
                          @QueryParam("prefix") String prefix, @QueryParam("limit") String limit,
                          @QueryParam("include_values") String includeValues) {
        RangeQuery query = RangeQuery.parse(startKey, endKey, prefix, limit, includeValues);
        // auth hook: only the keys the caller may read are listed
        RangePage page = store.range(query.startKey(), query.endKey(), query.limit(), query.includeValues(),
                CLIENT_KEYS.and(access.readable(CallerContext.callerOf(security))));
        return Response.ok(KvJson.range(page, query.includeValues()), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
