package io.kvs.ctl;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The node's REST API as kvsctl calls it: one request, its JSON answer, and any other answer turned into a
 * {@link CtlException} carrying the node's {@code error} text and the exit code for its status.
 */
final class KvsClient {

    /** Long enough for a prefix delete of millions of keys; a node that stops answering is left to Ctrl-C. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** A 2xx answer: its status and body (empty for 204). */
    record Answer(int status, String body) {

        JsonValue json() {
            return parse(body);
        }

        JsonObject object() {
            return json().asJsonObject();
        }
    }

    private final String endpoint;
    private final String token;
    private final HttpClient http;

    /**
     * @param endpoint {@code http://host:port} or {@code https://…}, with or without a path and trailing slash
     * @param token    the bearer token, null for none
     */
    KvsClient(String endpoint, String token) {
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            throw new CtlException(ExitCodes.USAGE, "the endpoint must be an http:// or https:// URL: " + endpoint);
        }
        this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** {@code key} as a path under {@code /kv/}: each segment percent-encoded, the slashes kept. */
    static String keyPath(String key) {
        List<String> segments = new ArrayList<>();
        for (String segment : key.split("/", -1)) {
            segments.add(encode(segment));
        }
        return String.join("/", segments);
    }

    /** A query parameter value, percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    /**
     * @param path    from the endpoint (no leading slash), with its query, already encoded
     * @param json    the request body, null for none
     * @param headers name, value pairs
     */
    Answer send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = request(path).timeout(REQUEST_TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        requireSuccess(response.statusCode(), response.body());
        return new Answer(response.statusCode(), response.body());
    }

    /**
     * An event stream: the lines as they arrive. A refusal (4xx) is a {@link CtlException} with its exit code; so
     * is an unreachable node or a 5xx, which a caller that reconnects tells apart by {@link ExitCodes#UNAVAILABLE}.
     */
    Stream<String> stream(String path, String lastEventId) {
        HttpRequest.Builder request = request(path).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = exchange(request.build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            requireSuccess(response.statusCode(), body);
            throw new CtlException(ExitCodes.UNAVAILABLE, "the node answered " + response.statusCode()
                    + " instead of an event stream");
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        URI uri;
        try {
            uri = URI.create(endpoint + path);
        } catch (IllegalArgumentException e) {
            throw new CtlException(ExitCodes.USAGE, "not a URL: " + endpoint + path);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new CtlException(ExitCodes.UNAVAILABLE, "cannot reach " + endpoint + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(ExitCodes.UNAVAILABLE, "interrupted");
        }
    }

    /**
     * A refusal carries the node's JSON {@code error}; any other answer (the HTML 404 of a server still deploying
     * kvs, a proxy's page) means kvs is not serving there yet, which is {@link ExitCodes#UNAVAILABLE} whatever the
     * status, so that a watch reconnects through a restart instead of ending on it.
     */
    private static void requireSuccess(int status, String body) {
        if (status >= 200 && status < 300) {
            return;
        }
        String error = nodeError(body);
        if (error == null) {
            throw new CtlException(ExitCodes.UNAVAILABLE, status + " from something that is not kvs: " + shortened(body));
        }
        throw new CtlException(ExitCodes.forStatus(status), status + ": " + error);
    }

    /** The {@code error} text of the node's JSON answer, or null when the body is not one. */
    private static String nodeError(String body) {
        try {
            JsonValue value = parse(body);
            if (value instanceof JsonObject object && object.containsKey("error")) {
                return object.getString("error", object.get("error").toString());
            }
        } catch (CtlException notJson) {
            // not the node's answer
        }
        return null;
    }

    private static String shortened(String body) {
        String text = body.strip();
        return text.isEmpty() ? "(no body)" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonParsingException | UncheckedIOException | IllegalStateException e) {
            throw new CtlException(ExitCodes.UNAVAILABLE, "the node's answer is not JSON: " + e.getMessage());
        }
    }

    /**
     * {@code json} checked to be exactly one JSON value: it is sent as typed, or wrapped in a ttl envelope, where
     * anything after the value would become members of the envelope.
     */
    static String checkedJson(String json) {
        // a JsonReader stops after the first value; the parser tells whether anything follows it
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            parser.next();
            parser.getValue();
            if (parser.hasNext()) {
                throw new CtlException(ExitCodes.USAGE, "not one JSON value: something follows the value");
            }
            return json;
        } catch (JsonParsingException | IllegalStateException | NoSuchElementException e) {
            throw new CtlException(ExitCodes.USAGE, "not JSON: " + e.getMessage());
        }
    }
}
