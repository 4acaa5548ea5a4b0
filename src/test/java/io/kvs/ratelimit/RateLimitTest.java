package io.kvs.ratelimit;

import io.kvs.auth.EndpointAccess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateLimitTest {

    @ParameterizedTest
    @CsvSource({
        "GET,    health,              true",
        "POST,   sync/versions,       true",
        "POST,   members/gossip,      true",
        "POST,   sync/merkle/entries, true",
        "GET,    kv/a,                false",
        "PUT,    kv/a,                false",
        "GET,    members/,            false",
        "POST,   members/leave,       false",
        "GET,    sync/status,         false",
        "POST,   admin/backups,       false",
    })
    void healthAndNodeToNodeEndpointsAreExempt(String method, String path, boolean exempt) {
        assertEquals(exempt, RateLimit.exempt(EndpointAccess.of(method, path)));
    }
}
