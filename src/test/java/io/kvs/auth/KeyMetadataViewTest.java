package io.kvs.auth;

import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.storage.Precondition;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyMetadataViewTest {

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private final UUID alice = UUID.randomUUID();
    private Store store;
    private KeyMetadataView view;

    @BeforeEach
    void openStore() throws Exception {
        store = Store.open(new StoreSettings(dir, true, false, 3, 10, 10_000, 1 << 20, 0.5, 3_600_000, "node-a",
                1_000, System::currentTimeMillis), Thread::new);
        view = new KeyMetadataView(store, now::get);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void loadsWhatIsStoredAndOnlyMetadata() {
        storeMetadata("a", meta(alice, 0xF11), 0);
        storeMetadata("b/c", meta(alice, 0xF00), 0);
        store.put("_auth/users/x", "{}".getBytes(), 0, Precondition.NONE).join();
        store.put("plain", "1".getBytes(), 0, Precondition.NONE).join();
        view.load();
        assertEquals(2, view.size());
        assertEquals(Optional.of(meta(alice, 0xF00)), view.get("b/c"));
        assertEquals(Optional.empty(), view.get("plain"));
    }

    @Test
    void followsEveryLaterChangeAndDelete() {
        view.load();
        storeMetadata("a", meta(alice, 0xF11), 0);
        assertEquals(Optional.of(meta(alice, 0xF11)), view.get("a"));
        storeMetadata("a", meta(alice, 0xF00), 0);
        assertEquals(0xF00, view.get("a").orElseThrow().permissions());
        store.delete(ReservedKeys.metadata("a"), Precondition.NONE).join();
        assertEquals(Optional.empty(), view.get("a"));
    }

    @Test
    void expiredMetadataIsNotServed() {
        view.load();
        storeMetadata("a", meta(alice, 0xF11), now.get() + 1_000);
        assertTrue(view.get("a").isPresent());
        now.addAndGet(1_000);
        assertEquals(Optional.empty(), view.get("a"));
    }

    @Test
    void malformedMetadataIsLeftToTheStoreLookup() {
        view.load();
        store.put(ReservedKeys.metadata("a"), "{\"owner_uuid\":7}".getBytes(), 0, Precondition.NONE).join();
        assertEquals(Optional.empty(), view.get("a"));
    }

    @Test
    void keysOfOneOwnerShareOneUuid() {
        view.load();
        storeMetadata("a", meta(UUID.fromString(alice.toString()), 0xF11), 0);
        storeMetadata("b", meta(UUID.fromString(alice.toString()), 0xF11), 0);
        assertSame(view.get("a").orElseThrow().ownerUuid(), view.get("b").orElseThrow().ownerUuid());
    }

    private static KeyMetadata meta(UUID owner, int permissions) {
        return new KeyMetadata(owner, null, permissions, 1, 2);
    }

    private void storeMetadata(String clientKey, KeyMetadata meta, long expiresAt) {
        store.put(ReservedKeys.metadata(clientKey), AuthJson.bytes(AuthJson.metadata(meta)), expiresAt,
                Precondition.NONE).join();
    }
}
