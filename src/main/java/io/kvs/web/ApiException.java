package io.kvs.web;

import java.util.Map;

/**
 * A refusal that only the HTTP boundary knows how to word: a status with no domain meaning (405, 415, 429, a 401 or
 * 503 that must close the connection), thrown by the request pipeline and the servlet data path. Control classes
 * throw {@code io.kvs.refusals} instead; {@link Failure#of} answers both.
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

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, message);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
