package io.kvs.storage;

import static io.kvs.storage.TestStores.json;
import static io.kvs.storage.TestStores.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionTest {

    @TempDir
    Path dir;

    private static final String DOCUMENT = "{\"items\":["
            + "{\"name\":\"widget\",\"price\":12.5,\"tags\":[\"a\",\"b\"]},".repeat(60) + "{}]}";

    private long logBytesAfterWriting(boolean compression, Path dataDir) throws Exception {
        TestStores stores = new TestStores(dataDir);
        stores.compression = compression;
        try (Store store = stores.open()) {
            for (int i = 0; i < 20; i++) {
                store.put("doc/" + i, json(DOCUMENT), 0, Precondition.NONE).join();
            }
            return store.logBytes();
        }
    }

    @Test
    void compressedValuesTakeLessSpace() throws Exception {
        long plain = logBytesAfterWriting(false, dir.resolve("plain"));
        long compressed = logBytesAfterWriting(true, dir.resolve("compressed"));

        assertTrue(compressed * 5 < plain, compressed + " vs " + plain);
    }

    @Test
    void clientsGetTheExactBytesBackFromEveryReadPath() throws Exception {
        TestStores stores = new TestStores(dir);
        stores.compression = true;
        String small = "{\"a\":1}";
        try (Store store = stores.open()) {
            store.put("doc", json(DOCUMENT), 0, Precondition.NONE).join();
            store.put("doc", json(DOCUMENT.replace("widget", "gadget")), 0, Precondition.NONE).join();
            store.put("small", json(small), 0, Precondition.NONE).join();
            Version remote = new Version(stores.clock.get() + 10, 5, UUID.randomUUID(), "node-b");
            store.applyIfNewer(new StoredValue("remote", remote, 0, false, json(DOCUMENT))).join();

            assertEquals(DOCUMENT.replace("widget", "gadget"), text(store.get("doc").orElseThrow()));
            assertEquals(DOCUMENT, text(store.history("doc", 2).get(1)));
            assertEquals(small, text(store.get("small").orElseThrow()));
            assertEquals(DOCUMENT, text(store.get("remote").orElseThrow()));
            List<StoredValue> listed = store.range(null, null, 10, true, k -> true).items();
            assertEquals(DOCUMENT, text(listed.get(1)));
        }
        try (Store reopened = stores.open()) {
            assertEquals(DOCUMENT, text(reopened.get("remote").orElseThrow()));
        }
    }
}
