package io.kvs.web;

import io.kvs.refusals.InvalidRequestException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/**
 * A request body that JSON-B or JSON-P cannot read into a resource's parameter is the client's mistake: 400.
 * Jersey wraps such failures in a ProcessingException, which on its own could as well come from writing a
 * response (a server fault); catching it here, around the reading only, tells the two apart.
 */
@Provider
public class RequestBodyInterceptor implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (ProcessingException | JsonbException | JsonException e) {
            throw new InvalidRequestException("malformed JSON body: " + innermostMessage(e));
        }
    }

    private static String innermostMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
