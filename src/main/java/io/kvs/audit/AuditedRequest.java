package io.kvs.audit;

import io.kvs.request.RequestPath;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Which client requests the audit log records, and how (SPEC §5): every request that changed something through
 * {@code /kv}, {@code /meta}, {@code /auth} or {@code /admin}, i.e. a mutating method answered with a 2xx status.
 * Refused requests changed nothing and are left to the access log. For {@code /kv} and {@code /meta} the key is the
 * rest of the path and the action names the route; elsewhere the action is the method with the whole path. A
 * prefix deletion ({@code DELETE /kv/_range}) is recorded as the deletes it made, one {@link #keyDeleted} per key.
 */
public final class AuditedRequest {

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "DELETE", "PATCH");
    private static final Set<String> AUDITED_ROOTS = Set.of("kv", "meta", "auth", "admin");
    private static final Set<String> KEYED_ROOTS = Set.of("kv", "meta");
    private static final String PREFIX_DELETION = "kv/_range";

    private AuditedRequest() {
    }

    /** A fresh digest for {@code value_sha256}: SHA-256 of the request body as received. */
    public static MessageDigest bodyDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /**
     * @param path        the request path as the pipeline split it
     * @param actor       token subject, else client address
     * @param valueSha256 hex SHA-256 of the request body, null when it had none
     * @return the event to append, empty when the request is not audited
     */
    public static Optional<AuditEvent> of(String method, RequestPath path, int status, String actor,
                                          String valueSha256) {
        if (!MUTATING.contains(method) || status < 200 || status > 299 || !AUDITED_ROOTS.contains(path.area())
                || path.path().equals(PREFIX_DELETION)) {
            return Optional.empty();
        }
        if (KEYED_ROOTS.contains(path.area()) && path.hasSlash()) {
            return Optional.of(new AuditEvent(actor, method + " /" + path.area(), path.rest(), valueSha256));
        }
        return Optional.of(new AuditEvent(actor, method + " /" + path.path(), null, valueSha256));
    }

    /** The entry of one key that a prefix deletion deleted: the entry its own {@code DELETE /kv/<key>} would get. */
    public static AuditEvent keyDeleted(String actor, String key) {
        return new AuditEvent(actor, "DELETE /kv", key, null);
    }
}
