package io.kvs.request;

import io.kvs.auth.tokens.Scope;

/**
 * What a request needs before it reaches its resource (SPEC §3 Scopes, Anonymous access). Key permissions are
 * checked later, by the data API, once the key's metadata is known.
 */
public enum EndpointAccess {
    /** {@code /health}: never needs a token, never rate-limited (load balancers poll it). */
    HEALTH(null),
    /** {@code GET /members/}: never needs a token (the seed README lists members with a bare curl). */
    PUBLIC(null),
    /** Node-to-node endpoints: authenticated with the cluster secret by the cluster's own filter, not by tokens. */
    NODE_TO_NODE(null),
    /** Needs the read scope; open to anonymous requests when {@code allow_anonymous_read}. */
    READ(Scope.READ),
    /** {@code PUT /kv}: needs the write scope; open to anonymous requests when {@code allow_anonymous_write}. */
    WRITE(Scope.WRITE),
    /** Needs the write scope and always a token (DELETE, metadata changes). */
    WRITE_WITH_TOKEN(Scope.WRITE),
    /** Needs an admin token. */
    ADMIN(Scope.ADMIN);

    private final Scope scope;

    EndpointAccess(Scope scope) {
        this.scope = scope;
    }

    /** The scope a token must grant; null when tokens play no part. */
    public Scope scope() {
        return scope;
    }

    /** Classifies a request by method and path. */
    public static EndpointAccess of(String method, RequestPath path) {
        String rest = path.rest();
        boolean reading = "GET".equals(method) || "HEAD".equals(method);
        return switch (path.area()) {
            case "health" -> HEALTH;
            // served by Payara beside the application, public as they always were (no data, no secrets)
            case "metrics", "openapi" -> reading ? PUBLIC : WRITE_WITH_TOKEN;
            case "kv" -> switch (method) {
                case "GET", "HEAD" -> READ;
                case "PUT" -> WRITE;
                default -> WRITE_WITH_TOKEN;
            };
            case "meta" -> reading ? READ : WRITE_WITH_TOKEN;
            case "auth", "admin", "audit" -> ADMIN;
            case "members" -> reading && rest.isEmpty() ? PUBLIC
                    : "POST".equals(method) && "leave".equals(rest) ? ADMIN
                    : NODE_TO_NODE;
            case "sync" -> reading && "status".equals(rest) ? READ : NODE_TO_NODE;
            default -> reading ? READ : WRITE_WITH_TOKEN;
        };
    }
}
