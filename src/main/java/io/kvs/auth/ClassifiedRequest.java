package io.kvs.auth;

import io.kvs.auth.tokens.Caller;

/**
 * What the request pipeline decided about a request, once, before anything serves it: every later step (rate limit,
 * data path, resources, audit, metrics) reads this value instead of parsing the path or the credentials again.
 *
 * @param method        the HTTP method
 * @param path          the percent-decoded path relative to the application root, without a leading slash
 * @param endpoint      what the endpoint needs ({@link EndpointAccess#of})
 * @param clientAddress the client's address: the socket peer's, or the one a trusted proxy forwarded
 * @param caller        who the gate admitted; null when auth is off or the endpoint takes no token
 */
public record ClassifiedRequest(String method, String path, EndpointAccess endpoint, String clientAddress,
                                Caller caller) {

    /** The servlet request attribute that carries this value from the pipeline to JAX-RS. */
    public static final String ATTRIBUTE = ClassifiedRequest.class.getName();

    /** Whether the caller presented a verified token (an anonymous caller did not). */
    public boolean authenticated() {
        return caller != null && !caller.isAnonymous();
    }

    /** Who the audit log names: the token subject, else the client address. */
    public String actor() {
        return authenticated() ? caller.user().toString() : clientAddress;
    }
}
