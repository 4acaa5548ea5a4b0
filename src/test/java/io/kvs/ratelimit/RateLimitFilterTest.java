package io.kvs.ratelimit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitFilterTest {

    @Test
    void healthAndNodeToNodeTrafficAreExempt() {
        assertTrue(RateLimitFilter.exempt("GET", "health"));
        assertTrue(RateLimitFilter.exempt("POST", "/sync/push"));
        assertTrue(RateLimitFilter.exempt("POST", "members/join"));
    }

    @Test
    void clientRequestsAreLimited() {
        assertFalse(RateLimitFilter.exempt("GET", "kv/a"));
        assertFalse(RateLimitFilter.exempt("GET", "members/"));
        assertFalse(RateLimitFilter.exempt("POST", "members/leave"));
        assertFalse(RateLimitFilter.exempt("GET", "sync/status"));
        assertFalse(RateLimitFilter.exempt("POST", "admin/backups"));
    }
}
