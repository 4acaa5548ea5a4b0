package io.kvs.auth;

import io.kvs.auth.tokens.Caller;
import io.kvs.refusals.NotPermittedException;
import io.kvs.refusals.UnknownResourceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The second lock on {@code /auth}: the gate already demands an admin token there; each resource method checks again
 * so that no routing subtlety (an encoded path, a future alias) can reach account management without one. With auth
 * off the endpoints do not exist.
 */
@ApplicationScoped
public class AdminCheck {

    private AuthService auth;

    @Inject
    public AdminCheck(AuthService auth) {
        this.auth = auth;
    }

    protected AdminCheck() {
    }

    void require(SecurityContext security) {
        if (!auth.enabled()) {
            throw new UnknownResourceException("user management exists only with auth_enabled: true");
        }
        Caller caller = CallerContext.callerOf(security);
        if (caller == null || !caller.isAdmin()) {
            throw new NotPermittedException("an admin token is required");
        }
    }
}
