package io.kvs.ctl;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ls [PREFIX]}: one level under PREFIX like {@code ls} (folders first, each with its number of keys), or with
 * {@code -R} every key under it, following {@code next_start_key} to the end. PREFIX names a folder: {@code ls users}
 * lists {@code users/}. With {@code -o json}, one JSON document per line: {@code {"prefix","keys"}} per folder,
 * the node's {@code {"key","uuid","timestamp"[,"data"]}} per key.
 */
@Command(name = "ls", description = "List one level of keys under PREFIX, folders first (-R: every key under it).")
final class ListCommand extends CtlCommand {

    private static final int PAGE = 10_000;

    @Parameters(paramLabel = "PREFIX", arity = "0..1", defaultValue = "")
    String prefix;

    @Option(names = "-R", description = "every key under PREFIX, through all pages")
    boolean recursive;

    @Option(names = "--values", description = "show each key's value")
    boolean values;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "entries on one level (default ${DEFAULT-VALUE}); with -R, keys per request")
    int limit;

    @Override
    void run() {
        String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        KvsClient client = client();
        Output out = out();
        String start = null;
        do {
            // printed a page at a time, so that -R over millions of keys holds one page
            List<List<String>> rows = new ArrayList<>();
            String query = "prefix=" + KvsClient.encode(folder) + "&limit=" + limit
                    + (recursive ? "" : "&separator=/") + (values ? "&include_values=true" : "")
                    + (start == null ? "" : "&start_key=" + KvsClient.encode(start));
            JsonObject page = client.get("kv/_range?" + query).object();
            if (!recursive) {
                for (JsonValue folded : page.getJsonArray("prefixes")) {
                    JsonObject entry = folded.asJsonObject();
                    long keys = entry.getJsonNumber("keys").longValue();
                    print(out, rows, entry, List.of(entry.getString("prefix"), keys + (keys == 1 ? " key" : " keys")));
                }
            }
            for (JsonValue listed : page.getJsonArray("items")) {
                JsonObject item = listed.asJsonObject();
                print(out, rows, item, List.of(item.getString("key"), values ? Output.cell(item.get("data")) : ""));
            }
            if (!out.json()) {
                out.table(null, rows);
            }
            start = page.isNull("next_start_key") ? null : page.getString("next_start_key");
            if (!recursive && start != null) {
                spec.commandLine().getErr().println("kvsctl: more under " + folder + " (--limit, or -R)");
                start = null;
            }
        } while (start != null);
    }

    /** Folders come first on a level: the node answers a page's prefixes apart from its keys. */
    private static void print(Output out, List<List<String>> rows, JsonObject entry, List<String> row) {
        if (out.json()) {
            out.json(entry);
        } else {
            rows.add(row);
        }
    }

    /** How many live keys under {@code prefix} the caller may read (what a prefix delete is asked to remove). */
    static long countUnder(KvsClient client, String prefix) {
        long count = 0;
        String start = null;
        do {
            JsonObject page = client.get("kv/_range?separator=/&limit=" + PAGE + "&prefix=" + KvsClient.encode(prefix)
                    + (start == null ? "" : "&start_key=" + KvsClient.encode(start))).object();
            count += page.getJsonArray("items").size();
            for (JsonValue folded : page.getJsonArray("prefixes")) {
                count += folded.asJsonObject().getJsonNumber("keys").longValue();
            }
            start = page.isNull("next_start_key") ? null : page.getString("next_start_key");
        } while (start != null);
        return count;
    }
}
