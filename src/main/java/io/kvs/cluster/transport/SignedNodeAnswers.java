package io.kvs.cluster.transport;

import io.kvs.request.ClassifiedRequest;
import io.kvs.request.EndpointAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Signs every 2xx answer to a signed node-to-node request ({@link RequestSigner#signAnswer}), so that the asking node
 * ({@link NodeClient}) takes versions, tree hashes and gossip only from a cluster member answering its own request,
 * not from whoever sits on the network path. Node-to-node answers are built as bytes (the resources answer {@code byte[]}), so
 * what is signed is exactly what is sent.
 */
@Provider
@ApplicationScoped
public class SignedNodeAnswers implements ContainerResponseFilter {

    private NodeSigning signing;

    @Inject
    public SignedNodeAnswers(NodeSigning signing) {
        this.signing = signing;
    }

    protected SignedNodeAnswers() {
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RequestSigner signer = signing.signer().orElse(null);
        String requestSignature = request.getHeaderString(RequestSignature.SIGNATURE_HEADER);
        boolean nodeToNode = request.getProperty(ClassifiedRequest.ATTRIBUTE) instanceof ClassifiedRequest classified
                && classified.endpoint() == EndpointAccess.NODE_TO_NODE;
        if (signer == null || requestSignature == null || !nodeToNode || response.getStatus() / 100 != 2) {
            return;
        }
        Object entity = response.getEntity();
        if (entity != null && !(entity instanceof byte[])) {
            throw new IllegalStateException("a node-to-node answer must be built as bytes to be signed, not "
                    + entity.getClass().getName());
        }
        byte[] body = entity == null ? new byte[0] : (byte[]) entity;
        response.getHeaders().putSingle(RequestSignature.ANSWER_SIGNATURE_HEADER,
                signer.signAnswer(requestSignature, response.getStatus(), body));
    }
}
