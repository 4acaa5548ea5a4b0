package io.kvs.web;

import io.kvs.refusals.BodyTooLargeException;
import io.kvs.refusals.ConflictException;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.refusals.NodeUnavailableException;
import io.kvs.refusals.NotAuthenticatedException;
import io.kvs.refusals.NotPermittedException;
import io.kvs.refusals.Refusal;
import io.kvs.refusals.UnknownResourceException;
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
        if (e instanceof Refusal refusal) {
            return of(refusal);
        }
        if (e instanceof PreconditionFailedException) {
            return new Failure(412, "precondition failed: " + e.getMessage(), Map.of());
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

    private static Failure of(Refusal refusal) {
        String reason = refusal.getMessage();
        if (refusal instanceof InvalidRequestException) {
            return new Failure(400, reason, Map.of());
        }
        if (refusal instanceof NotAuthenticatedException unauthenticated) {
            return new Failure(401, reason, Map.of("WWW-Authenticate", unauthenticated.challenge()));
        }
        if (refusal instanceof NotPermittedException) {
            return new Failure(403, reason, Map.of());
        }
        if (refusal instanceof UnknownResourceException) {
            return new Failure(404, reason, Map.of());
        }
        if (refusal instanceof ConflictException) {
            return new Failure(409, reason, Map.of());
        }
        if (refusal instanceof BodyTooLargeException) {
            // Close the connection: otherwise the container drains the rest of an oversized body first.
            return new Failure(413, reason, Map.of("Connection", "close"));
        }
        if (refusal instanceof NodeUnavailableException unavailable) {
            return new Failure(503, reason, Map.of("Retry-After", Long.toString(unavailable.retryAfterSeconds())));
        }
        LOG.log(Level.SEVERE, "a refusal without a status", refusal);
        return new Failure(500, ErrorBody.reason(500), Map.of());
    }
}
