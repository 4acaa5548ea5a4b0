package io.kvs.ctl;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where and how a command prints: {@code -o json} (the node's JSON, one document per line) or {@code -o table}
 * (aligned columns for a person); without {@code -o}, a table on a terminal and JSON when piped.
 */
final class Output {

    /** The {@code -o} values. */
    enum Format { json, table }

    private final boolean json;
    private final PrintStream out;

    Output(Format requested, boolean onTerminal, PrintStream out) {
        this.json = requested == null ? !onTerminal : requested == Format.json;
        this.out = out;
    }

    boolean json() {
        return json;
    }

    void json(JsonValue value) {
        line(value.toString());
    }

    void line(String text) {
        out.println(text);
        out.flush(); // a watch prints as events come
    }

    /** An answer that is one object: as it is, or as FIELD VALUE rows. */
    void object(JsonObject object) {
        if (json) {
            json(object);
        } else {
            table(List.of("FIELD", "VALUE"), object.entrySet().stream()
                    .map(member -> List.of(member.getKey(), cell(member.getValue()))).toList());
        }
    }

    /** An answer that is a list of objects: as it is, or one row per object with {@code columns}' members. */
    void list(JsonArray array, List<String> columns) {
        if (json) {
            json(array);
        } else {
            table(columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(), array.stream()
                    .map(JsonValue::asJsonObject)
                    .map(object -> columns.stream().map(c -> cell(object.get(c))).toList())
                    .toList());
        }
    }

    /**
     * Rows under a header (null for none), each column as wide as its widest cell; the last column is not padded,
     * and trailing blanks are cut.
     */
    void table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(rows);
        int[] widths = new int[all.stream().mapToInt(List::size).max().orElse(0)];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** A JSON member as a table cell: strings without quotes, null as "-", anything else as JSON. */
    static String cell(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "-";
        }
        return value.getValueType() == JsonValue.ValueType.STRING
                ? ((JsonString) value).getString() : value.toString();
    }
}
