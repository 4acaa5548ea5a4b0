package io.kvs.audit;

import io.kvs.refusals.InvalidRequestException;
import io.kvs.refusals.UnknownResourceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/** {@code GET /audit} and {@code GET /audit/verify} (SPEC §5; admin scope, enforced by the auth filter). */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private AuditService audit;

    @Inject
    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    protected AuditResource() {
    }

    @GET
    public JsonObject entries(@QueryParam("since_seq") String sinceSeq, @QueryParam("limit") String limit)
            throws IOException {
        long since = number("since_seq", sinceSeq, 0, 0, Long.MAX_VALUE);
        int count = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return AuditJson.page(chain().read(since, count));
    }

    @GET
    @Path("verify")
    public JsonObject verify() throws IOException {
        return AuditJson.verdict(chain().verify());
    }

    private AuditLog chain() {
        return audit.log().orElseThrow(() ->
                new UnknownResourceException("the audit log is off on this node (tamper_logging_enabled: false)"));
    }

    private static long number(String name, String text, long absent, long min, long max) {
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new InvalidRequestException(name + " must be an integer from " + min + " to " + max);
    }
}
