package io.kvs.cluster.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A node's HTTP side reduced to what a test needs: handlers by exact path, every request recorded, and the bytes
 * that crossed the wire counted. Listens on 127.0.0.1 at a port of the cluster work's range.
 */
public final class StubNode implements AutoCloseable {

    static {
        // The JDK server writes headers and body apart; with Nagle on, each answer waits for a delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A request as the stub received it. */
    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What a handler answers. */
    public record Answer(int status, byte[] body, long delayMillis, Map<String, String> headers) {

        public Answer(int status, byte[] body, long delayMillis) {
            this(status, body, delayMillis, Map.of());
        }

        public static Answer ok(byte[] body) {
            return new Answer(200, body, 0);
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, Answer>> handlers = new ConcurrentHashMap<>();
    private final HttpServer server;
    private volatile RequestSigner answerSigner;
    private long bytesIn;
    private long bytesOut;

    public StubNode(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Signs 2xx answers to signed requests as a kvs node of the cluster with {@code signer}'s key does. */
    public StubNode signingAnswersWith(RequestSigner signer) {
        answerSigner = signer;
        return this;
    }

    public StubNode on(String path, Function<Received, Answer> handler) {
        handlers.put(path, handler);
        return this;
    }

    public synchronized long bytesOnTheWire() {
        return bytesIn + bytesOut;
    }

    public synchronized void resetCounters() {
        bytesIn = 0;
        bytesOut = 0;
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Received request = new Received(exchange.getRequestMethod(), target,
                Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
        received.add(request);
        Function<Received, Answer> handler = handlers.get(exchange.getRequestURI().getPath());
        Answer answer = handler == null ? new Answer(404, "{\"error\":\"no such path\"}".getBytes(), 0)
                : handler.apply(request);
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            bytesIn += request.body().length;
            bytesOut += answer.body().length;
        }
        String requestSignature = request.header(RequestSignature.SIGNATURE_HEADER);
        if (answerSigner != null && requestSignature != null && answer.status() / 100 == 2) {
            exchange.getResponseHeaders().set(RequestSignature.ANSWER_SIGNATURE_HEADER,
                    answerSigner.signAnswer(requestSignature, answer.status(), answer.body()));
        }
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        exchange.getResponseBody().write(answer.body());
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
