package io.kvs.admin;

import io.kvs.storage.CompactionResult;
import io.kvs.storage.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.logging.Logger;

/** Operator actions under {@code /admin/}. */
@Path("admin")
@ApplicationScoped
public class AdminResource {

    private static final Logger LOG = Logger.getLogger(AdminResource.class.getName());

    private Store store;

    @Inject
    public AdminResource(Store store) {
        this.store = store;
    }

    protected AdminResource() {
    }

    /** Compacts the log now instead of waiting for the background threshold (SPEC §5). */
    @POST
    @Path("compaction")
    public Response compact() throws IOException {
        CompactionResult result = store.compact();
        LOG.info(() -> "compaction on request: " + result.bytesBefore() + " -> " + result.bytesAfter() + " bytes in "
                + result.durationMs() + " ms");
        return Response.ok(result, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
