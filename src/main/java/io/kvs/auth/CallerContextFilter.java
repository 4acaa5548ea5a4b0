package io.kvs.auth;

import io.kvs.request.ClassifiedRequest;
import io.kvs.web.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands the caller that the request pipeline admitted ({@link ClassifiedRequest}) to the JAX-RS resources as their
 * {@link jakarta.ws.rs.core.SecurityContext}. Authentication itself happened once, in the pipeline; a request that
 * reached JAX-RS without passing it (which the servlet mapping should make impossible) is refused, failing closed.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class CallerContextFilter implements ContainerRequestFilter {

    private AuthService auth;

    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public CallerContextFilter(AuthService auth) {
        this.auth = auth;
    }

    protected CallerContextFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!auth.enabled()) {
            return;
        }
        if (!(servletRequest.getAttribute(ClassifiedRequest.ATTRIBUTE) instanceof ClassifiedRequest classified)) {
            request.abortWith(ErrorBody.response(401, "a bearer token is required").build());
            return;
        }
        if (classified.caller() != null) {
            request.setSecurityContext(new CallerContext(classified.caller(), request.getSecurityContext().isSecure()));
        }
    }
}
