package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.refusals.NotPermittedException;
import io.kvs.storage.Precondition;
import io.kvs.storage.PreconditionFailedException;
import io.kvs.storage.Store;
import io.kvs.storage.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 #9: what happens to the key between a permission check and the write it admits. Each test makes the
 * race happen at the one point it can: inside the check, through a subclass's hook.
 */
class KeyAccessRaceTest {

    @TempDir
    Path dir;

    private final Caller alice = new Caller(UUID.randomUUID(), List.of(), EnumSet.of(Scope.READ, Scope.WRITE));
    private final Caller mallory = new Caller(UUID.randomUUID(), List.of(), EnumSet.of(Scope.READ, Scope.WRITE));
    private final Caller admin = new Caller(UUID.randomUUID(), List.of(), EnumSet.of(Scope.ADMIN));
    private Store store;
    private KvsConfig config;
    private KeyAccess plain;

    @BeforeEach
    void openStore() throws Exception {
        config = ConfigLoader.parse("auth_enabled: true\n");
        store = Store.open(new StoreSettings(dir, true, false, 3, 10, 10_000, 1 << 20, 0.5, 3_600_000, "node-a",
                1_000, System::currentTimeMillis), Thread::new);
        plain = new KeyAccess(new AuthService(config, store), store, config);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aWriteCheckedOnAKeyThatIsDeletedAndReCreatedMeanwhileIsCheckedAgainstTheNewKey() {
        plain.put(mallory, "doc", json("\"mallory's\""), 0, Precondition.NONE).join();
        AtomicBoolean raceOnce = new AtomicBoolean(true);
        KeyAccess racing = new KeyAccess(new AuthService(config, store), store, config) {
            @Override
            StoredMetadata metadataOf(String key) {
                StoredMetadata seen = super.metadataOf(key);
                if (raceOnce.getAndSet(false)) {
                    plain.delete(admin, "doc", Precondition.NONE).join();
                    plain.put(alice, "doc", json("\"alice's\""), 0, Precondition.NONE).join();
                }
                return seen;
            }
        };

        CompletionException refused = assertThrows(CompletionException.class,
                () -> racing.put(mallory, "doc", json("\"stale\""), 0, Precondition.NONE).join());

        assertInstanceOf(NotPermittedException.class, refused.getCause());
        assertEquals("\"alice's\"", text(store.get("doc").orElseThrow().data()));
        assertEquals(alice.user(), ownerOf("doc"));
    }

    @Test
    void aCreateThatLosesTheRaceToAnotherCreateLeavesTheWinnersMetadataAlone() {
        AtomicBoolean raceOnce = new AtomicBoolean(true);
        KeyAccess racing = new KeyAccess(new AuthService(config, store), store, config) {
            @Override
            boolean isLive(String key, long now) {
                boolean live = super.isLive(key, now);
                if (key.equals("dir") && raceOnce.getAndSet(false)) {
                    plain.put(alice, "dir/new", json("\"alice's\""), 0, Precondition.NONE).join();
                }
                return live;
            }
        };

        CompletionException refused = assertThrows(CompletionException.class,
                () -> racing.put(mallory, "dir/new", json("\"mallory's\""), 0, Precondition.ABSENT).join());

        assertInstanceOf(PreconditionFailedException.class, refused.getCause());
        assertEquals("\"alice's\"", text(store.get("dir/new").orElseThrow().data()));
        assertEquals(alice.user(), ownerOf("dir/new"));
    }

    private UUID ownerOf(String key) {
        return AuthJson.parseMetadata(store.get(ReservedKeys.metadata(key)).orElseThrow().data()).ownerUuid();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
