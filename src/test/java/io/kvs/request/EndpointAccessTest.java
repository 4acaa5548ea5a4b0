package io.kvs.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointAccessTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET,    /health,                 HEALTH",
        "GET,    health,                  HEALTH",
        "GET,    /kv/users/john,          READ",
        "HEAD,   /kv/users/john,          READ",
        "GET,    /kv/_range,              READ",
        "PUT,    /kv/users/john,          WRITE",
        "DELETE, /kv/users/john,          WRITE_WITH_TOKEN",
        "POST,   /kv/users/john,          WRITE_WITH_TOKEN",
        "GET,    /meta/users/john,        READ",
        "PUT,    /meta/users/john,        WRITE_WITH_TOKEN",
        "GET,    /auth/users,             ADMIN",
        "POST,   /auth/tokens,            ADMIN",
        "DELETE, /auth/tokens/x,          ADMIN",
        "GET,    /admin/backups,          ADMIN",
        "POST,   /admin/compaction,       ADMIN",
        "GET,    /audit,                  ADMIN",
        "GET,    /audit/verify,           ADMIN",
        "GET,    /members/,               PUBLIC",
        "GET,    /members,                PUBLIC",
        "POST,   /members/leave,          ADMIN",
        "POST,   /members/join,           NODE_TO_NODE",
        "GET,    /members/gossip,         NODE_TO_NODE",
        "GET,    /sync/status,            READ",
        "GET,    /sync/merkle/root,       NODE_TO_NODE",
        "POST,   /sync/versions,          NODE_TO_NODE",
        "GET,    /anything,               READ",
        "POST,   /anything,               WRITE_WITH_TOKEN",
        "GET,    /kvx/a,                  READ",
        "PUT,    /authx,                  WRITE_WITH_TOKEN",
        "GET,    /healthz,                READ"})
    void classifiesEveryEndpoint(String method, String path, EndpointAccess expected) {
        assertEquals(expected, EndpointAccess.of(method, RequestPath.of(path)));
    }
}
