package io.kvs.cluster.transport;


import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Outgoing node-to-node HTTP over one shared keep-alive {@link HttpClient}. Every request is signed with the
 * cluster secret (when the cluster has one) and answered by a body, whose answer signature is checked against the
 * request ({@link SignedNodeAnswers} signs it), or, for any status other than 2xx or an answer not signed for this
 * request, by an {@link IOException} naming the peer and its answer.
 */
public final class NodeClient {

    public static final String JSON = "application/json";
    private static final int ERROR_EXCERPT = 200;

    private final HttpClient http;
    private final String selfId;
    private final RequestSigner signer;

    /** @param signer null for an open cluster (auth disabled and no {@code cluster_secret}) */
    public NodeClient(HttpClient http, String selfId, RequestSigner signer) {
        this.http = http;
        this.selfId = selfId;
        this.signer = signer;
    }

    /** Sends a request to the node at {@code address} (host:port); a null {@code body} sends none. */
    public CompletableFuture<byte[]> send(String address, String method, String pathAndQuery, byte[] body,
                                          String contentType, Duration timeout) {
        HttpRequest request;
        try {
            request = request(address, method, pathAndQuery, body, contentType, timeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IOException("bad peer address " + address, e));
        }
        String requestSignature = request.headers().firstValue(RequestSignature.SIGNATURE_HEADER).orElse(null);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> bodyOf(address, method, pathAndQuery, requestSignature, response));
    }

    /** {@link #send}, waiting for the answer (for callers that run on their own scheduled thread). */
    public byte[] sendAndWait(String address, String method, String pathAndQuery, byte[] body, String contentType,
                              Duration timeout) throws IOException, InterruptedException {
        try {
            return send(address, method, pathAndQuery, body, contentType, timeout).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    private HttpRequest request(String address, String method, String pathAndQuery, byte[] body, String contentType,
                                Duration timeout) {
        byte[] payload = body == null ? new byte[0] : body;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + address + pathAndQuery))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (body != null) {
            builder.header("Content-Type", contentType);
        }
        if (signer != null) {
            RequestSignature signature = signer.sign(selfId, method, pathAndQuery, payload);
            builder.header(RequestSignature.NODE_HEADER, signature.nodeId())
                    .header(RequestSignature.TIMESTAMP_HEADER, signature.timestamp())
                    .header(RequestSignature.BODY_DIGEST_HEADER, signature.bodyDigest())
                    .header(RequestSignature.SIGNATURE_HEADER, signature.signature());
        }
        return builder.build();
    }

    /** A 2xx answer's body, once its signature shows a cluster member answered this very request. */
    private byte[] bodyOf(String address, String method, String path, String requestSignature,
                          HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 == 2) {
            if (requestSignature != null && !signer.answerMatches(requestSignature, response.statusCode(),
                    response.body(), response.headers().firstValue(RequestSignature.ANSWER_SIGNATURE_HEADER)
                            .orElse(null))) {
                throw new CompletionException(new IOException("the answer of node at " + address + " to " + method
                        + " " + path + " is not signed for this request (forged, or the peer runs an older kvs)"));
            }
            return response.body();
        }
        String excerpt = new String(response.body(), StandardCharsets.UTF_8);
        if (excerpt.length() > ERROR_EXCERPT) {
            excerpt = excerpt.substring(0, ERROR_EXCERPT);
        }
        throw new CompletionException(new IOException("node at " + address + " answered " + response.statusCode()
                + " to " + method + " " + path + ": " + excerpt));
    }
}
