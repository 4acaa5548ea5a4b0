package io.kvs.ratelimit;

import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import io.kvs.request.ClassifiedRequest;
import io.kvs.request.EndpointAccess;
import io.kvs.request.RequestPath;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
        assertEquals(exempt, RateLimit.exempt(EndpointAccess.of(method, RequestPath.of(path))));
    }

    /** Issue 12 #11: one IPv6 host holds a whole /64; per-address buckets would give it a fresh one per request. */
    @ParameterizedTest
    @CsvSource({
        "2001:db8:1:2:aaaa::1,   address:2001:db8:1:2:0:0:0:0/64",
        "2001:db8:1:2:ffff::99,  address:2001:db8:1:2:0:0:0:0/64",
        "2001:db8:1:3::1,        address:2001:db8:1:3:0:0:0:0/64",
        "192.0.2.7,              address:192.0.2.7",
    })
    void anonymousClientsDrawFromTheirAddressBucketIpv6ByItsSlash64(String address, String bucket) {
        assertEquals(bucket, RateLimit.bucketOf(request(address, null)));
    }

    @org.junit.jupiter.api.Test
    void aVerifiedCallerDrawsFromItsOwnBucketWhereverItComesFrom() {
        UUID user = UUID.randomUUID();
        Caller caller = new Caller(user, List.of(), Set.of(Scope.READ));
        assertEquals("user:" + user, RateLimit.bucketOf(request("192.0.2.7", caller)));
    }

    private static ClassifiedRequest request(String address, Caller caller) {
        return new ClassifiedRequest("GET", RequestPath.of("kv/a"), EndpointAccess.of("GET", RequestPath.of("kv/a")), address, caller);
    }
}
