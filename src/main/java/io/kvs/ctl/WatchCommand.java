package io.kvs.ctl;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * {@code watch [PREFIX]}: one line per change (SPEC §7) until interrupted. When the stream ends or the node cannot
 * be reached, it reconnects by itself (1 s, then up to 5 s apart) and resumes after the last event id it saw, so a
 * node restart loses no event; a refusal (400, 401, 403) ends it with its exit code.
 */
@Command(name = "watch", description = "Print every change under PREFIX (every key without one) as it happens.")
final class WatchCommand extends CtlCommand {

    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 5_000;

    @Parameters(paramLabel = "PREFIX", arity = "0..1")
    String prefix;

    @Option(names = "--key", paramLabel = "KEY", description = "watch this one key instead of a prefix")
    String key;

    @Option(names = "--since", paramLabel = "N", description = "first replay every change after event id N")
    Long since;

    @Option(names = "--count", paramLabel = "N", description = "stop after N events (put, delete or reset)")
    Long count;

    private String lastId;
    private long printed;

    @Override
    void run() {
        if (prefix != null && key != null) {
            throw new CtlException(ExitCodes.USAGE, "give a PREFIX or --key, not both");
        }
        String path = "kv/_watch" + (key != null ? "?key=" + KvsClient.encode(key)
                : prefix != null ? "?prefix=" + KvsClient.encode(prefix) : "");
        lastId = since == null ? null : Long.toString(since);
        KvsClient client = client();
        Output out = out();
        PrintWriter err = spec.commandLine().getErr();
        long retryMillis = FIRST_RETRY_MILLIS;
        while (true) {
            try (Stream<String> lines = client.stream(path, lastId)) {
                retryMillis = FIRST_RETRY_MILLIS;
                if (read(lines.iterator(), out)) {
                    return;
                }
                err.println("kvsctl: the stream ended; reconnecting after event " + lastId);
            } catch (CtlException e) {
                if (e.exitCode() != ExitCodes.UNAVAILABLE) {
                    throw e;
                }
                err.println("kvsctl: " + e.getMessage() + "; retrying in " + retryMillis / 1000 + " s");
            } catch (UncheckedIOException e) {
                err.println("kvsctl: the stream broke (" + e.getMessage() + "); reconnecting after event " + lastId);
            }
            pause(retryMillis);
            retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        }
    }

    /** Prints the stream's events; true once {@code --count} of them are printed. */
    private boolean read(Iterator<String> lines, Output out) {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (id != null) {
                    lastId = id; // keep-alives carry the cursor too: a resume skips what they passed
                }
                if (event != null && print(out, id, event, data.toString())) {
                    return true;
                }
                id = null;
                event = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = field(line, 3);
            } else if (line.startsWith("event:")) {
                event = field(line, 6);
            } else if (line.startsWith("data:")) {
                data.append(data.length() == 0 ? "" : "\n").append(field(line, 5));
            }
            // ":" comments (keep-alive) and unknown fields are ignored, as EventSource does
        }
        return false;
    }

    private boolean print(Output out, String id, String event, String data) {
        JsonObject body = KvsClient.parse(data.isEmpty() ? "{}" : data).asJsonObject();
        if (out.json()) {
            JsonObjectBuilder line = Json.createObjectBuilder().add("id", id == null ? "" : id).add("event", event);
            body.forEach(line::add);
            out.json(line.build());
        } else if (event.equals("reset")) {
            out.line(id + "  reset     history before " + body.get("oldest")
                    + " is gone: re-read the keys (kvsctl ls -R)");
        } else {
            String reason = body.containsKey("reason") ? " (" + body.getString("reason") + ")" : "";
            out.line(id + "  " + String.format("%-8s", event) + "  " + body.getString("key", "?")
                    + (body.containsKey("data") ? "  " + body.get("data") : reason));
        }
        printed++;
        return count != null && printed >= count;
    }

    private static String field(String line, int nameLength) {
        String value = line.substring(nameLength);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(ExitCodes.OK, "interrupted");
        }
    }
}
