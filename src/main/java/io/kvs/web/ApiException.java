package io.kvs.web;

import java.util.Map;

/**
 * A failure the client caused or must know about: the HTTP status, the reason sent back as {@code {"error": ...}},
 * and the headers some statuses need (Retry-After with 429/503, WWW-Authenticate with 401).
 * Thrown anywhere below a resource and turned into a response in one place, {@link ApiExceptionMapper}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient Map<String, String> headers;

    public ApiException(int status, String message, Map<String, String> headers) {
        // No stack trace: these are thrown for every client mistake, on the hot path, and never logged.
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException tooLarge(String message) {
        // Close the connection: otherwise the container drains the rest of an oversized body before the next request.
        return new ApiException(413, message, Map.of("Connection", "close"));
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, message);
    }

    public static ApiException unavailable(String message, long retryAfterSeconds) {
        return new ApiException(503, message, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
