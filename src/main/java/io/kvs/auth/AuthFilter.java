package io.kvs.auth;

import io.kvs.web.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates and authorises every request before it reaches a resource (SPEC §3), by asking the
 * {@link RequestGate}: 401 with {@code WWW-Authenticate: Bearer} for missing or bad credentials, 403 for a missing
 * scope; otherwise the {@link Caller} goes on in the request's {@link CallerContext}. Pre-matching, so an unknown
 * path costs a stranger a 401, not a map of the API, and the path classified is the decoded one.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Bearer";
    static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private AuthService auth;

    @Inject
    public AuthFilter(AuthService auth) {
        this.auth = auth;
    }

    protected AuthFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!auth.enabled()) {
            return;
        }
        RequestGate.Outcome outcome = auth.gate().admit(request.getMethod(), request.getUriInfo().getPath(true),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (outcome instanceof RequestGate.Outcome.Admitted admitted) {
            request.setSecurityContext(new CallerContext(admitted.caller(), request.getSecurityContext().isSecure()));
        } else if (outcome instanceof RequestGate.Outcome.Unauthenticated refused) {
            request.abortWith(ErrorBody.response(401, refused.reason())
                    .header(HttpHeaders.WWW_AUTHENTICATE, refused.tokenRejected() ? INVALID_TOKEN_CHALLENGE : CHALLENGE)
                    .build());
        } else if (outcome instanceof RequestGate.Outcome.Forbidden forbidden) {
            request.abortWith(ErrorBody.response(403, forbidden.reason()).build());
        }
    }
}
