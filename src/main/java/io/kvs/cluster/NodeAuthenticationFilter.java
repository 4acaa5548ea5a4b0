package io.kvs.cluster;

import io.kvs.auth.EndpointAccess;
import io.kvs.cluster.membership.RequestSignature;
import io.kvs.cluster.membership.RequestSigner;
import io.kvs.kv.BoundedBody;
import io.kvs.web.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.net.URI;

/**
 * Lets a node-to-node request ({@link EndpointAccess#NODE_TO_NODE}) through only when it carries a valid signature
 * made with the cluster secret ({@link RequestSigner}), within the replay window; anything else gets 401. Runs before
 * matching, so a stranger learns nothing about the internal paths. The body is read here (bounded), checked against
 * the signature and handed on to the resource. A cluster without a secret (auth off, no {@code cluster_secret})
 * runs open, as the log warned at start.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class NodeAuthenticationFilter implements ContainerRequestFilter {

    /** The largest node-to-node body: a push batch is at most 1 MiB, a repair batch 1,000 versions. */
    static final int MAX_BODY_BYTES = 64 << 20;

    private ClusterNode cluster;

    @Inject
    public NodeAuthenticationFilter(ClusterNode cluster) {
        this.cluster = cluster;
    }

    protected NodeAuthenticationFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RequestSigner signer = cluster.signer();
        if (signer == null
                || EndpointAccess.of(request.getMethod(), request.getUriInfo().getPath(true))
                != EndpointAccess.NODE_TO_NODE) {
            return;
        }
        byte[] body = BoundedBody.read(request.getEntityStream(), request.getLength(), MAX_BODY_BYTES,
                "the node-to-node limit");
        request.setEntityStream(new ByteArrayInputStream(body));
        URI target = request.getUriInfo().getRequestUri();
        String pathAndQuery = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        RequestSignature presented = new RequestSignature(request.getHeaderString(RequestSignature.NODE_HEADER),
                request.getHeaderString(RequestSignature.TIMESTAMP_HEADER),
                request.getHeaderString(RequestSignature.SIGNATURE_HEADER));
        RequestSigner.Check check = signer.verify(request.getMethod(), pathAndQuery, body, presented);
        if (check != RequestSigner.Check.VALID) {
            request.abortWith(ErrorBody.response(401, check.reason()).build());
        }
    }
}
