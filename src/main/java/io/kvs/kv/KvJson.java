package io.kvs.kv;

import io.kvs.keys.Keys;
import io.kvs.storage.LevelPage;
import io.kvs.storage.RangePage;
import io.kvs.storage.StoredValue;
import jakarta.json.spi.JsonProvider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bodies of the data API, written as bytes around the stored JSON, which is copied in as it is: never parsed
 * or re-encoded on the read path. Keys are escaped by JSON-P; uuids and numbers need no escaping.
 */
final class KvJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private KvJson() {
    }

    /** {@code {"uuid": …, "timestamp": …}}: the answer to a write. */
    static byte[] written(StoredValue value) {
        return ascii("{\"uuid\":\"" + value.version().uuid() + "\",\"timestamp\":" + value.version().timestamp() + "}");
    }

    /** {@code {"uuid": …, "timestamp": …, "data": …}}: the answer to a read, built with a single copy of the data. */
    static byte[] value(StoredValue value) {
        byte[] head = ascii("{\"uuid\":\"" + value.version().uuid() + "\",\"timestamp\":" + value.version().timestamp()
                + ",\"data\":");
        byte[] data = value.data();
        byte[] body = new byte[head.length + data.length + 1];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        body[body.length - 1] = '}';
        return body;
    }

    /** {@code {"key": …, "revisions": [{"uuid", "timestamp", "data"}, …]}}, newest first. */
    static byte[] history(String key, List<StoredValue> revisions) {
        Body body = new Body().ascii("{\"key\":").string(key).ascii(",\"revisions\":[");
        for (int i = 0; i < revisions.size(); i++) {
            body.ascii(i == 0 ? "" : ",").raw(value(revisions.get(i)));
        }
        return body.ascii("]}").toByteArray();
    }

    /** {@code {"items": [{"key", "uuid", "timestamp"[, "data"]}, …], "next_start_key": … | null}}. */
    static byte[] range(RangePage page, boolean includeValues) {
        Body body = items(page.items(), includeValues);
        return nextStartKey(body, page.nextStartKey());
    }

    /**
     * A one-level listing (SPEC §10): {@code {"items": […], "prefixes": [{"prefix", "keys"}, …],
     * "next_start_key": … | null}}.
     */
    static byte[] level(LevelPage page, boolean includeValues) {
        Body body = items(page.items(), includeValues).ascii(",\"prefixes\":[");
        List<LevelPage.PrefixCount> prefixes = page.prefixes();
        for (int i = 0; i < prefixes.size(); i++) {
            body.ascii(i == 0 ? "{\"prefix\":" : ",{\"prefix\":").string(prefixes.get(i).prefix())
                    .ascii(",\"keys\":" + prefixes.get(i).keys() + "}");
        }
        return nextStartKey(body.ascii("]"), page.nextStartKey());
    }

    private static Body items(List<StoredValue> items, boolean includeValues) {
        Body body = new Body().ascii("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            StoredValue item = items.get(i);
            body.ascii(i == 0 ? "{\"key\":" : ",{\"key\":").string(item.key())
                    .ascii(",\"uuid\":\"" + item.version().uuid() + "\",\"timestamp\":" + item.version().timestamp());
            if (includeValues) {
                body.ascii(",\"data\":").raw(item.data());
            }
            body.ascii("}");
        }
        return body.ascii("]");
    }

    private static byte[] nextStartKey(Body body, String nextStartKey) {
        body.ascii(",\"next_start_key\":");
        if (nextStartKey == null) {
            body.ascii("null");
        } else {
            body.string(nextStartKey);
        }
        return body.ascii("}").toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final class Body extends ByteArrayOutputStream {

        Body() {
            super(256);
        }

        Body ascii(String text) {
            writeBytes(KvJson.ascii(text));
            return this;
        }

        Body string(String text) {
            writeBytes(JSON.createValue(text).toString().getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Body raw(byte[] json) {
            writeBytes(json);
            return this;
        }
    }
}
