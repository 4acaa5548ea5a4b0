package io.kvs.ctl;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The commands on single keys: {@code get}, {@code put}, {@code del} (which also deletes a prefix). */
final class KeyCommands {

    private KeyCommands() {
    }

    @Command(name = "get", description = "Print a key's JSON value exactly as stored (whatever -o says).")
    static final class Get extends CtlCommand {

        @Parameters(paramLabel = "KEY")
        String key;

        @Option(names = "--meta", description = "print the key's metadata instead: owner, group, permissions")
        boolean meta;

        @Option(names = "--history", description = "print its versions instead, newest first "
                + "(revision_history_enabled)")
        boolean history;

        @Override
        void run() {
            if (meta && history) {
                throw new CtlException(ExitCodes.USAGE, "give --meta or --history, not both");
            }
            KvsClient client = client();
            Output out = out();
            if (meta) {
                out.object(client.get("meta/" + KvsClient.keyPath(key)).object());
            } else if (history) {
                JsonObject revisions = client.get("kv/" + KvsClient.keyPath(key) + "?history=true").object();
                if (out.json()) {
                    out.json(revisions);
                } else {
                    out.table(List.of("UUID", "TIMESTAMP", "DATA"), revisions.getJsonArray("revisions").stream()
                            .map(JsonValue::asJsonObject)
                            .map(r -> List.of(r.getString("uuid"), Output.cell(r.get("timestamp")),
                                    Output.cell(r.get("data"))))
                            .toList());
                }
            } else {
                out.json(client.get("kv/" + KvsClient.keyPath(key)).object().get("data"));
            }
        }
    }

    @Command(name = "put", description = "Store a JSON value under a key: from the argument, or stdin with -.")
    static final class Put extends CtlCommand {

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "JSON|-", defaultValue = "-",
                description = "the value; - (the default) reads it from stdin")
        String value;

        @Option(names = "--ttl", paramLabel = "DURATION", description = "expire after this long: 90s, 1h30m, 7d")
        String ttl;

        @Option(names = "--if-match", paramLabel = "UUID", description = "only if the current version is UUID")
        String ifMatch;

        @Option(names = "--if-absent", description = "only if the key has no live value")
        boolean ifAbsent;

        @Override
        void run() {
            if (ifMatch != null && ifAbsent) {
                throw new CtlException(ExitCodes.USAGE, "give --if-match or --if-absent, not both");
            }
            String json = KvsClient.checkedJson(value.equals("-") ? stdin() : value);
            String body = ttl == null ? json
                    : "{\"data\":" + json + ",\"ttl\":" + Json.createValue(ttl) + "}";
            List<String> headers = new ArrayList<>();
            if (ifMatch != null) {
                headers.addAll(List.of("If-Match", "\"" + ifMatch + "\""));
            }
            if (ifAbsent) {
                headers.addAll(List.of("If-None-Match", "*"));
            }
            JsonObject written = client().send("PUT", "kv/" + KvsClient.keyPath(key), body,
                    headers.toArray(String[]::new)).object();
            Output out = out();
            if (out.json()) {
                out.json(written);
            } else {
                out.table(List.of("UUID", "TIMESTAMP"),
                        List.of(List.of(written.getString("uuid"), Output.cell(written.get("timestamp")))));
            }
        }

        private String stdin() {
            try {
                return root().input().lines().collect(Collectors.joining("\n"));
            } catch (UncheckedIOException e) {
                throw new CtlException(ExitCodes.USAGE, "cannot read the value from stdin: " + e.getMessage());
            }
        }
    }

    @Command(name = "del", description = "Delete a key, or with --prefix every key under a prefix.")
    static final class Del extends CtlCommand {

        @Parameters(paramLabel = "KEY|PREFIX", arity = "0..1")
        String key;

        @Option(names = "--prefix", description = "delete every key under KEY|PREFIX that you may delete")
        boolean prefix;

        @Option(names = "--all", description = "delete every key of the store (an admin token)")
        boolean all;

        @Option(names = {"-y", "--yes"}, description = "do not ask before deleting under a prefix")
        boolean yes;

        @Option(names = "--if-match", paramLabel = "UUID", description = "only if the current version is UUID")
        String ifMatch;

        @Override
        void run() {
            if (all == (key != null)) {
                throw new CtlException(ExitCodes.USAGE, all ? "--all deletes every key: give no KEY with it"
                        : "give a KEY (or --prefix PREFIX, or --all)");
            }
            if (!prefix && !all) {
                String[] headers = ifMatch == null ? new String[0] : new String[] {"If-Match", "\"" + ifMatch + "\""};
                client().send("DELETE", "kv/" + KvsClient.keyPath(key), null, headers);
                return;
            }
            if (ifMatch != null) {
                throw new CtlException(ExitCodes.USAGE, "--if-match is for one key, not a prefix");
            }
            deletePrefix(all ? "" : key);
        }

        private void deletePrefix(String under) {
            KvsClient client = client();
            if (!yes) {
                try {
                    confirm(under, ListCommand.countUnder(client, under));
                } catch (Declined declined) {
                    spec.commandLine().getErr().println("kvsctl: nothing deleted");
                    return;
                }
            }
            String query = all ? "all=true" : "prefix=" + KvsClient.encode(under);
            JsonObject outcome = client.send("DELETE", "kv/_range?" + query, null).object();
            Output out = out();
            if (out.json()) {
                out.json(outcome);
            } else {
                out.line("deleted " + outcome.getJsonNumber("deleted") + " keys"
                        + (outcome.getJsonNumber("skipped").longValue() > 0
                        ? ", skipped " + outcome.getJsonNumber("skipped") + " you may not delete" : ""));
            }
        }

        private void confirm(String under, long count) {
            String what = all ? "every key (" + count + " you may read)"
                    : count + " keys under \"" + under + "\"";
            if (!root().onTerminal()) {
                throw new CtlException(ExitCodes.USAGE, "would delete " + what + "; not on a terminal to ask:"
                        + " add --yes");
            }
            spec.commandLine().getErr().print("kvsctl: delete " + what + "? [y/N] ");
            spec.commandLine().getErr().flush();
            String answer;
            try {
                answer = root().input().readLine();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
                throw new Declined();
            }
        }

        /** The answer to the confirmation was not yes: like {@code rm -i}, nothing is deleted and that is no failure. */
        private static final class Declined extends RuntimeException {

            Declined() {
                super(null, null, false, false);
            }
        }
    }
}
