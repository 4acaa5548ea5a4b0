package io.kvs.watch;

import io.kvs.storage.Change;
import io.kvs.storage.StoredValue;
import jakarta.json.spi.JsonProvider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Server-Sent Events of a watch (SPEC §7), as bytes: {@code id} the change sequence, {@code event} put, delete
 * or reset, {@code data} one line of JSON. The stored JSON is copied in as it is, never re-encoded, like the data
 * API's answers: but a stored document may be pretty-printed, so its line breaks (whitespace between tokens: a JSON
 * string cannot hold a raw one) are replaced by spaces, which keeps it the same JSON on one {@code data} line.
 * Keys are escaped by JSON-P.
 */
final class SseEvents {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final byte[] CLOSE = ascii("}\n\n");

    /** Sent first, so that a client sees the stream is open before any change arrives. */
    static final byte[] OPENED = ascii(": watching\n\n");

    private SseEvents() {
    }

    /** Appends the event of {@code change} to {@code out}. */
    static void append(ByteArrayOutputStream out, Change change) {
        StoredValue value = change.value();
        StringBuilder head = new StringBuilder(128)
                .append("id: ").append(change.sequence())
                .append(value.tombstone() ? "\nevent: delete\ndata: {\"key\":" : "\nevent: put\ndata: {\"key\":");
        head.append(JSON.createValue(value.key()));
        head.append(",\"uuid\":\"").append(value.version().uuid())
                .append("\",\"timestamp\":").append(value.version().timestamp());
        if (value.tombstone()) {
            head.append(change.expired() ? ",\"reason\":\"expired\"}\n\n" : "}\n\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        head.append(",\"data\":");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        writeOnOneLine(out, value.data());
        out.writeBytes(CLOSE);
    }

    /**
     * {@code event: reset}: the history asked for is gone (SPEC §7), re-read the keys; the stream goes on after
     * {@code newest}, which becomes the id a reconnecting client resumes after.
     */
    static byte[] reset(long oldest, long newest) {
        return ascii("id: " + newest + "\nevent: reset\ndata: {\"oldest\":" + oldest + "}\n\n");
    }

    /**
     * The keep-alive comment, with the watcher's place in the feed as a bare {@code id} field: an SSE client takes
     * it as its last event id without dispatching an event, so a watch of a quiet prefix on a busy node resumes from
     * its place rather than from its last event, which compaction may have made too old to resume from.
     */
    static byte[] keepAlive(long cursor) {
        return ascii(": keep-alive\nid: " + cursor + "\n\n");
    }

    private static void writeOnOneLine(ByteArrayOutputStream out, byte[] json) {
        int from = 0;
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                out.write(json, from, i - from);
                out.write(' ');
                from = i + 1;
            }
        }
        out.write(json, from, json.length - from);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
