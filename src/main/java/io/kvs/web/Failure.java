package io.kvs.web;

import io.kvs.keys.InvalidKeyException;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.PreconditionFailedException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one translation of a failure into the error the client gets (SPEC §0), used by the servlet data path and by
 * the JAX-RS exception mappers alike: client mistakes and store refusals become their 4xx; anything else is a real
 * server fault, logged with its stack trace and answered 500 without details.
 *
 * @param status  the HTTP status
 * @param message the reason sent as {@code {"error": ...}}
 * @param headers what the status needs (Retry-After, WWW-Authenticate, Connection: close)
 */
public record Failure(int status, String message, Map<String, String> headers) {

    private static final Logger LOG = Logger.getLogger(Failure.class.getName());

    public Failure {
        headers = Map.copyOf(headers);
    }

    public static Failure of(Throwable thrown) {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e instanceof ApiException api) {
            return new Failure(api.status(), api.getMessage(), api.headers());
        }
        if (e instanceof PreconditionFailedException) {
            return new Failure(412, "precondition failed: " + e.getMessage(), Map.of());
        }
        if (e instanceof InvalidKeyException) {
            return new Failure(400, e.getMessage(), Map.of());
        }
        if (e instanceof NoLiveValueException) {
            return new Failure(404, e.getMessage(), Map.of());
        }
        if (e instanceof JsonException || e instanceof JsonbException) {
            return new Failure(400, "malformed JSON: " + e.getMessage(), Map.of());
        }
        LOG.log(Level.SEVERE, "unexpected failure while serving a request", e);
        return new Failure(500, ErrorBody.reason(500), Map.of());
    }
}
