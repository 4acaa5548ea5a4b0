package io.kvs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An open Server-Sent Events response, read line by line on a thread of its own as the server sends it: events
 * (and comments, which a test may wait for too) queue up until the test takes them.
 */
public final class EventStream implements AutoCloseable {

    /** One event as a client sees it; {@code id} null when the event had none. */
    public record Event(String id, String type, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStream open(HttpClient client, HttpRequest request) {
        try {
            return new EventStream(client.send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event, waiting up to 20 s for it. */
    public Event next() throws InterruptedException {
        Event event = events.poll(20, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 20 s");
        }
        return event;
    }

    /** The next {@code count} events. */
    public List<Event> next(int count) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(next());
        }
        return taken;
    }

    /** Asserts that no event arrives within {@code millis}. */
    public void assertQuietFor(long millis) throws InterruptedException {
        Event unexpected = events.poll(millis, TimeUnit.MILLISECONDS);
        assertEquals(null, unexpected, "no event expected");
    }

    /** Waits up to {@code seconds} for a comment line starting with {@code text}. */
    public void awaitComment(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String comment = comments.poll(100, TimeUnit.MILLISECONDS);
            if (comment != null && comment.startsWith(text)) {
                return;
            }
        }
        throw new AssertionError("no comment '" + text + "' within " + seconds + " s");
    }

    /** Waits up to {@code seconds} for the server to end the stream. */
    public void awaitEnd(int seconds) throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(seconds));
        assertFalse(reader.isAlive(), "the stream is still open after " + seconds + " s");
    }

    public void assertEventStream() {
        assertEquals(200, status());
        String type = header("Content-Type");
        assertTrue(type != null && type.startsWith("text/event-stream"), "Content-Type " + type);
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line, 6,
                            line.length());
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed by the test or the server: nothing more to read
        }
    }
}
