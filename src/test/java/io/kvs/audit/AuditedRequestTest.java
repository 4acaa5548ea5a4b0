package io.kvs.audit;

import io.kvs.request.RequestPath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditedRequestTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void keyWritesNameTheRouteAndTheKey() {
        assertEquals(Optional.of(new AuditEvent("u1", "PUT /kv", "users/john/profile", SHA)),
                AuditedRequest.of("PUT", RequestPath.of("/kv/users/john/profile"), 200, "u1", SHA));
        assertEquals(Optional.of(new AuditEvent("10.0.0.7", "DELETE /kv", "a/b", null)),
                AuditedRequest.of("DELETE", RequestPath.of("kv/a/b"), 204, "10.0.0.7", null));
        assertEquals(Optional.of(new AuditEvent("u1", "PUT /meta", "a", SHA)),
                AuditedRequest.of("PUT", RequestPath.of("/meta/a"), 200, "u1", SHA));
    }

    @Test
    void authAndAdminChangesNameTheWholePath() {
        assertEquals(Optional.of(new AuditEvent("root", "POST /auth/users", null, SHA)),
                AuditedRequest.of("POST", RequestPath.of("/auth/users"), 200, "root", SHA));
        assertEquals(Optional.of(new AuditEvent("root", "DELETE /auth/tokens/j1", null, null)),
                AuditedRequest.of("DELETE", RequestPath.of("/auth/tokens/j1"), 204, "root", null));
        assertEquals(Optional.of(new AuditEvent("root", "POST /admin/backups", null, null)),
                AuditedRequest.of("POST", RequestPath.of("/admin/backups"), 200, "root", null));
    }

    @Test
    void readsRefusalsAndOtherEndpointsAreNotAudited() {
        assertTrue(AuditedRequest.of("GET", RequestPath.of("/kv/a"), 200, "u", null).isEmpty());
        assertTrue(AuditedRequest.of("PUT", RequestPath.of("/kv/a"), 412, "u", SHA).isEmpty());
        assertTrue(AuditedRequest.of("POST", RequestPath.of("/auth/users"), 403, "u", SHA).isEmpty());
        assertTrue(AuditedRequest.of("POST", RequestPath.of("/sync/push"), 200, "n2", SHA).isEmpty());
        assertTrue(AuditedRequest.of("POST", RequestPath.of("/members/leave"), 200, "root", null).isEmpty());
        assertTrue(AuditedRequest.of("GET", RequestPath.of("/audit/verify"), 200, "root", null).isEmpty());
        assertTrue(AuditedRequest.of("PUT", RequestPath.of("/kvstore/a"), 200, "u", SHA).isEmpty());
    }
}
