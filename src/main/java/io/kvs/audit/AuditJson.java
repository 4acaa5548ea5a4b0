package io.kvs.audit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The bodies of {@code /audit} and {@code /audit/verify} (SPEC §5), built with JSON-P because absent values must
 * appear as {@code null} (JSON-B would drop them).
 */
final class AuditJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private AuditJson() {
    }

    /** {@code {"entries": [...], "next_since_seq": n | null}}. */
    static JsonObject page(AuditPage page) {
        JsonArrayBuilder entries = JSON.createArrayBuilder();
        page.entries().forEach(entry -> entries.add(entry(entry)));
        JsonObjectBuilder body = JSON.createObjectBuilder().add("entries", entries);
        return (page.nextSinceSeq() == null ? body.addNull("next_since_seq")
                : body.add("next_since_seq", page.nextSinceSeq())).build();
    }

    /** {@code {"valid": bool, "entries": n, "first_bad_seq": n | null}}. */
    static JsonObject verdict(ChainVerdict verdict) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("valid", verdict.valid())
                .add("entries", verdict.entries());
        return (verdict.firstBadSeq() == null ? body.addNull("first_bad_seq")
                : body.add("first_bad_seq", verdict.firstBadSeq())).build();
    }

    private static JsonObject entry(AuditEntry e) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("seq", e.seq())
                .add("timestamp", e.timestamp());
        text(o, "node_id", e.nodeId());
        text(o, "actor", e.actor());
        text(o, "action", e.action());
        text(o, "key", e.key());
        text(o, "value_sha256", e.valueSha256());
        return o.add("prev_hash", e.prevHash()).add("hash", e.hash()).build();
    }

    private static void text(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}
