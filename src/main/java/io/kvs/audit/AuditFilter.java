package io.kvs.audit;

import io.kvs.request.ClassifiedRequest;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Feeds the audit chain: hashes each request body while the resource reads it (no second copy of the body), and
 * once the response is decided, appends the request if it changed something ({@link AuditedRequest}). The response
 * of an asynchronous write is filtered on the store's acknowledger thread, so recording only enqueues.
 */
@Provider
@Priority(Priorities.USER)
@ApplicationScoped
public class AuditFilter implements ReaderInterceptor, ContainerResponseFilter {

    private static final String BODY_DIGEST = AuditFilter.class.getName() + ".digest";

    private AuditService audit;

    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public AuditFilter(AuditService audit) {
        this.audit = audit;
    }

    protected AuditFilter() {
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (audit.log().isPresent()) {
            MessageDigest digest = AuditedRequest.bodyDigest();
            context.setProperty(BODY_DIGEST, digest);
            context.setInputStream(new DigestInputStream(context.getInputStream(), digest));
        }
        return context.proceed();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (audit.log().isEmpty()) {
            return;
        }
        String valueSha256 = request.getProperty(BODY_DIGEST) instanceof MessageDigest digest
                ? HexFormat.of().formatHex(digest.digest()) : null;
        ClassifiedRequest classified = ClassifiedRequest.of(servletRequest::getAttribute);
        AuditedRequest.of(classified.method(), classified.path(), response.getStatus(), classified.actor(), valueSha256)
                .ifPresent(audit::record);
    }

}
