package io.kvs.request;

import io.kvs.auth.tokens.Caller;

import java.util.function.Function;

/**
 * What the request pipeline decided about a request, once, before anything serves it: every later step (rate limit,
 * data path, resources, audit, metrics) reads this value instead of parsing the path or the credentials again.
 *
 * @param method        the HTTP method
 * @param path          the percent-decoded path relative to the application root, split once
 * @param endpoint      what the endpoint needs ({@link EndpointAccess#of})
 * @param clientAddress the client's address: the socket peer's, or the one a trusted proxy forwarded
 * @param caller        who the gate admitted; null when auth is off or the endpoint takes no token
 */
public record ClassifiedRequest(String method, RequestPath path, EndpointAccess endpoint, String clientAddress,
                                Caller caller) {

    /** The servlet request attribute that carries this value from the pipeline to JAX-RS. */
    public static final String ATTRIBUTE = ClassifiedRequest.class.getName();

    /**
     * The value the pipeline attached to a request it let through to JAX-RS.
     *
     * @param attributes the request's attribute lookup ({@code HttpServletRequest::getAttribute})
     * @throws IllegalStateException when the pipeline did not run, so no rule is applied to an unclassified request
     */
    public static ClassifiedRequest of(Function<String, Object> attributes) {
        if (attributes.apply(ATTRIBUTE) instanceof ClassifiedRequest classified) {
            return classified;
        }
        throw new IllegalStateException("the request pipeline did not classify this request");
    }

    /** Whether the caller presented a verified token (an anonymous caller did not). */
    public boolean authenticated() {
        return caller != null && !caller.isAnonymous();
    }

    /** Who the audit log names: the token subject, else the client address. */
    public String actor() {
        return authenticated() ? caller.user().toString() : clientAddress;
    }
}
