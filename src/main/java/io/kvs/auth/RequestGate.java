package io.kvs.auth;

import io.kvs.auth.accounts.Directory;
import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.InvalidTokenException;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.TokenVerifier;
import io.kvs.request.EndpointAccess;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, before any resource runs, whether a request may go on and as whom: it authenticates the bearer token
 * (if any), applies the anonymous toggles and checks the scope the endpoint needs. A presented token that fails
 * verification is refused even where anonymous access would be allowed, so a client never silently loses the
 * identity it thought it had.
 */
public final class RequestGate {

    /** {@code WWW-Authenticate} when no credential was presented, and when one was presented and refused. */
    public static final String CHALLENGE = "Bearer";
    public static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;
    private final Directory directory;
    private final Set<Scope> anonymousScopes;

    public RequestGate(TokenVerifier verifier, Directory directory, boolean allowAnonymousRead,
                       boolean allowAnonymousWrite) {
        this.verifier = verifier;
        this.directory = directory;
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (allowAnonymousRead) {
            scopes.add(Scope.READ);
        }
        if (allowAnonymousWrite) {
            scopes.add(Scope.WRITE);
        }
        this.anonymousScopes = Set.copyOf(scopes);
    }

    /**
     * @param access        what the endpoint needs, as the request was classified
     * @param authorization the {@code Authorization} header, null when absent
     */
    public Outcome admit(EndpointAccess access, String authorization) {
        if (access.scope() == null) {
            return new Outcome.Exempt();
        }
        if (authorization == null) {
            return admitAnonymous(access);
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return new Outcome.Unauthenticated("Authorization must be: Bearer <token>", true);
        }
        IssuedToken token;
        try {
            token = verifier.verify(authorization.substring(BEARER.length()).strip());
        } catch (InvalidTokenException e) {
            return new Outcome.Unauthenticated(e.getMessage(), true);
        }
        if (!Scope.grants(token.scopes(), access.scope())) {
            return new Outcome.Forbidden("token lacks the " + access.scope().wireName() + " scope");
        }
        return new Outcome.Admitted(new Caller(token.userUuid(), directory.groupsOf(token.userUuid()), token.scopes()),
                token);
    }

    private Outcome admitAnonymous(EndpointAccess access) {
        boolean open = switch (access) {
            case READ -> anonymousScopes.contains(Scope.READ);
            case WRITE -> anonymousScopes.contains(Scope.WRITE);
            default -> false;
        };
        return open
                ? new Outcome.Admitted(Caller.anonymous(anonymousScopes), null)
                : new Outcome.Unauthenticated("a bearer token is required", false);
    }

    /** What the gate decided. */
    public sealed interface Outcome {

        /** Go on as {@code caller}; {@code token} is null for an anonymous request. */
        record Admitted(Caller caller, IssuedToken token) implements Outcome {
        }

        /** Not the gate's business: {@code /health} or a node-to-node endpoint. */
        record Exempt() implements Outcome {
        }

        /** 401 with {@code WWW-Authenticate: Bearer}; {@code tokenRejected} when a credential was presented. */
        record Unauthenticated(String reason, boolean tokenRejected) implements Outcome {
        }

        /** 403: authenticated, but the token lacks the scope. */
        record Forbidden(String reason) implements Outcome {
        }
    }
}
