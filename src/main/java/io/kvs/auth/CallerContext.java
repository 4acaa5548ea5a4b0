package io.kvs.auth;

import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The JAX-RS {@link SecurityContext} of an admitted request: resources, the rate limiter and the audit log read the
 * {@link Caller} from its principal, whose name is the user uuid or {@code anonymous}. The caller travels in the
 * principal because what resources get injected is the container's proxy of this context, not this object.
 */
public final class CallerContext implements SecurityContext {

    public static final String ANONYMOUS = "anonymous";

    private final CallerPrincipal principal;
    private final boolean secure;

    CallerContext(Caller caller, boolean secure) {
        this.principal = new CallerPrincipal(caller);
        this.secure = secure;
    }

    /** The caller of a request the gate admitted; null when auth is off or the endpoint is exempt. */
    public static Caller callerOf(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof CallerPrincipal p ? p.caller() : null;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    /** Roles are the token's scopes, so {@code isUserInRole("admin")} works as expected. */
    @Override
    public boolean isUserInRole(String role) {
        return Scope.fromWireName(role).map(principal.caller()::holds).orElse(false);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return principal.caller().isAnonymous() ? null : "Bearer";
    }

    /** The principal of an admitted request. */
    public record CallerPrincipal(Caller caller) implements Principal {

        @Override
        public String getName() {
            return caller.isAnonymous() ? ANONYMOUS : caller.user().toString();
        }
    }
}
