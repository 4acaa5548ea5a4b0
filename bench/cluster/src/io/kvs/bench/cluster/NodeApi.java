package io.kvs.bench.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the kvs HTTP API the benchmark reads and writes, over one keep-alive client. HTTP/1.1 on purpose: the
 * JDK client would otherwise try an h2c upgrade on every new connection, which is not what a kvs client measures.
 * Failures to connect (a node that is booting, frozen or killed) come back as status 0, never as exceptions.
 */
final class NodeApi {

    static final int UNREACHABLE = 0;

    /** One HTTP answer, with the {@link System#nanoTime()} at which it was fully read. */
    record Answer(int status, String body, String etag, long receivedAt) {
        boolean ok() {
            return status == 200;
        }
    }

    record Member(String id, String status) {
        boolean alive() {
            return "alive".equals(status);
        }
    }

    record Root(String hash, long keyCount) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Duration timeout;

    NodeApi(Duration timeout) {
        this.timeout = timeout;
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Answer put(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The uuid of the version a successful PUT or GET answered with. */
    static String uuidOf(Answer answer) {
        return object(answer.body()).getString("uuid");
    }

    Optional<JsonObject> health(String node) {
        Answer answer = get(node + "/health");
        return answer.ok() ? Optional.of(object(answer.body())) : Optional.empty();
    }

    /** The member list a node shows, or empty when it does not answer. */
    Optional<List<Member>> members(String node) {
        Answer answer = get(node + "/members/");
        if (!answer.ok()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            JsonArray array = reader.readArray();
            return Optional.of(array.stream().map(JsonValue::asJsonObject)
                    .map(m -> new Member(m.getString("id"), m.getString("status"))).toList());
        }
    }

    Optional<Root> root(String node) {
        Answer answer = get(node + "/sync/merkle/root");
        if (!answer.ok()) {
            return Optional.empty();
        }
        JsonObject root = object(answer.body());
        return Optional.of(new Root(root.getString("hash"), root.getJsonNumber("key_count").longValue()));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("ETag").orElse(""), System.nanoTime());
        } catch (IOException e) {
            return new Answer(UNREACHABLE, e.toString(), "", System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(UNREACHABLE, "interrupted", "", System.nanoTime());
        }
    }

    static JsonObject object(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
