package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import io.kvs.config.ConfigLoader;
import io.kvs.config.KvsConfig;
import io.kvs.node.NodeIdentity;
import io.kvs.node.StoreLifecycle;
import io.kvs.refusals.NotAuthenticatedException;
import io.kvs.refusals.NotPermittedException;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.Precondition;
import io.kvs.storage.PreconditionFailedException;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyAccessTest {

    private static final long HOUR = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    private final UUID team = UUID.randomUUID();
    private final Caller alice =
            new Caller(UUID.randomUUID(), List.of(team, UUID.randomUUID()), EnumSet.of(Scope.READ, Scope.WRITE));
    private final Caller bob = new Caller(UUID.randomUUID(), List.of(team), EnumSet.of(Scope.READ, Scope.WRITE));
    private final Caller carol = new Caller(UUID.randomUUID(), List.of(), EnumSet.of(Scope.READ, Scope.WRITE));
    private final Caller admin = new Caller(UUID.randomUUID(), List.of(), EnumSet.of(Scope.ADMIN));
    private Store store;
    private KvsConfig config;
    private KeyAccess access;

    @BeforeEach
    void openStore() throws Exception {
        config = config("auth_enabled: true\n");
        store = Store.open(StoreLifecycle.settings(config, new NodeIdentity("node-a", 1_000L)), Thread::new);
        access = accessWith(config);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aReadCheckIsDecidedInMemoryWithoutTouchingTheStore() throws Exception {
        create(alice, "doc");
        permit("doc", 0xF00);
        store.close();
        try {
            access.requireRead(alice, "doc");
            assertThrows(NoLiveValueException.class, () -> access.requireRead(carol, "doc"));
            assertTrue(access.readable(alice).test("doc"));
        } finally {
            openStore();
        }
    }

    @Test
    void withAuthOffNoCallerIsNeededAndNoMetadataIsWritten() {
        KeyAccess open = accessWith(config("auth_enabled: false\n"));

        open.put(null, "doc", json("1"), 0, Precondition.NONE).join();
        assertDoesNotThrow(() -> open.requireRead(null, "doc"));
        open.put(null, "doc", json("2"), 0, Precondition.NONE).join();
        assertTrue(open.readable(null).test("doc"));
        open.delete(null, "doc", Precondition.NONE).join();

        assertTrue(store.get("doc").isEmpty());
        assertTrue(store.currentVersion(ReservedKeys.metadata("doc")).isEmpty());
    }

    @Test
    void withAuthOffAKeyWhosePermissionsDenyEveryoneIsOpenToAnyCaller() {
        create(alice, "doc");
        permit("doc", 0x000);
        KeyAccess open = accessWith(config("auth_enabled: false\n"));

        assertNull(open.callerOf(carol));
        assertDoesNotThrow(() -> open.requireRead(carol, "doc"));
        assertTrue(open.readable(carol).test("doc"));
        open.put(carol, "doc", json("\"carol's\""), HOUR + now(), Precondition.NONE).join();
        open.delete(carol, "doc", Precondition.NONE).join();

        assertTrue(store.get("doc").isEmpty());
    }

    @Test
    void withAuthOnEveryDecisionNeedsACaller() {
        create(alice, "doc");

        for (Runnable decision : List.<Runnable>of(
                () -> access.requireRead(null, "doc"),
                () -> access.readable(null),
                () -> access.put(null, "doc", json("2"), 0, Precondition.NONE),
                () -> access.put(null, "new", json("2"), 0, Precondition.NONE),
                () -> access.delete(null, "doc", Precondition.NONE))) {
            NotAuthenticatedException refused = assertThrows(NotAuthenticatedException.class, decision::run);
            assertEquals(RequestGate.CHALLENGE, refused.challenge());
        }
        assertEquals("1", text(store.get("doc").orElseThrow()));
        assertTrue(store.currentVersion("new").isEmpty());
    }

    @Test
    void withAuthOnTheAdmittedCallerIsTheOneDecidedFor() {
        assertSame(alice, access.callerOf(alice));
    }

    @Test
    void aNewKeyIsOwnedByItsCreatorAndTheirFirstGroupWithTheDefaultPermissions() {
        long expiresAt = now() + HOUR;

        access.put(alice, "doc", json("1"), expiresAt, Precondition.NONE).join();

        KeyMetadata meta = metadataDocument("doc");
        assertEquals(alice.user(), meta.ownerUuid());
        assertEquals(team, meta.groupUuid());
        assertEquals(config.defaultPermissions(), meta.permissions());
        assertEquals(expiresAt, store.get(ReservedKeys.metadata("doc")).orElseThrow().expiresAt());
    }

    @Test
    void anAnonymousCreateLeavesAKeyNobodyOwnsThatOnlyAdminsMayOverwrite() {
        Caller anonymous = Caller.anonymous(EnumSet.of(Scope.WRITE));

        access.put(anonymous, "drop", json("1"), 0, Precondition.NONE).join();

        KeyMetadata meta = metadataDocument("drop");
        assertNull(meta.ownerUuid());
        assertNull(meta.groupUuid());
        assertThrows(NotPermittedException.class,
                () -> access.put(anonymous, "drop", json("2"), 0, Precondition.NONE).join());
        assertThrows(NotPermittedException.class,
                () -> access.put(alice, "drop", json("2"), 0, Precondition.NONE).join());
        access.put(admin, "drop", json("3"), 0, Precondition.NONE).join();
        assertEquals("3", text(store.get("drop").orElseThrow()));
    }

    @Test
    void withNoExistingAncestorTheWriteScopeDecidesACreate() {
        Caller reader = new Caller(UUID.randomUUID(), List.of(), EnumSet.of(Scope.READ));

        assertThrows(NotPermittedException.class,
                () -> access.put(reader, "top/level", json("1"), 0, Precondition.NONE).join());
        create(carol, "top/level");

        assertTrue(store.currentVersion("top/level").isPresent());
    }

    @Test
    void creatingUnderAnExistingParentNeedsTheParentsCreateBit() {
        create(alice, "home");

        assertThrows(NotPermittedException.class,
                () -> access.put(carol, "home/notes", json("1"), 0, Precondition.NONE).join());
        assertTrue(store.currentVersion("home/notes").isEmpty());

        permit("home", 0xF19);
        create(carol, "home/notes");
        assertEquals(carol.user(), metadataDocument("home/notes").ownerUuid());
    }

    @Test
    void theNearestExistingAncestorGovernsACreate() {
        create(alice, "a");
        create(alice, "a/b");
        permit("a", 0xF19);
        permit("a/b", 0xF11);

        assertThrows(NotPermittedException.class,
                () -> access.put(carol, "a/b/c", json("1"), 0, Precondition.NONE).join());
        create(carol, "a/x/y");

        assertTrue(store.currentVersion("a/b/c").isEmpty());
        assertTrue(store.get("a/x/y").isPresent());
    }

    @Test
    void aDeletedParentNoLongerGovernsItsChildren() {
        create(alice, "home");
        access.delete(alice, "home", Precondition.NONE).join();
        assertTrue(store.get(ReservedKeys.metadata("home")).isPresent());

        create(carol, "home/notes");

        assertEquals(carol.user(), metadataDocument("home/notes").ownerUuid());
    }

    @Test
    void adminsCreateUnderAParentThatDeniesEveryone() {
        create(alice, "home");
        permit("home", 0x000);

        create(admin, "home/admin");

        assertEquals(admin.user(), metadataDocument("home/admin").ownerUuid());
    }

    @Test
    void reCreatingADeletedKeyReplacesItsStaleMetadata() {
        create(alice, "doc");
        permit("doc", 0xF00);
        access.delete(alice, "doc", Precondition.NONE).join();

        create(carol, "doc");

        KeyMetadata meta = metadataDocument("doc");
        assertEquals(carol.user(), meta.ownerUuid());
        assertEquals(config.defaultPermissions(), meta.permissions());
    }

    @Test
    void aKeyThatHasExpiredIsCreatedAfreshWhateverItsOldMetadataSaid() {
        create(alice, "doc");
        permit("doc", 0xF00);
        store.put("doc", json("\"expired\""), 1, Precondition.NONE).join();

        create(carol, "doc");

        assertEquals(carol.user(), metadataDocument("doc").ownerUuid());
        assertEquals("1", text(store.get("doc").orElseThrow()));
    }

    @Test
    void aReadThePermissionsAllowPassesForOwnerGroupAndOthers() {
        create(alice, "doc");

        for (Caller reader : List.of(alice, bob, carol)) {
            assertEquals("1", text(readAs(reader, "doc")));
        }
    }

    @Test
    void aReadThePermissionsDenyIsAnsweredExactlyAsAnAbsentKey() {
        create(alice, "doc");
        permit("doc", 0xF00);

        NoLiveValueException refused = assertThrows(NoLiveValueException.class, () -> readAs(carol, "doc"));
        NoLiveValueException absent = assertThrows(NoLiveValueException.class, () -> readAs(carol, "absent"));

        assertEquals(NoLiveValueException.messageFor("doc"), refused.getMessage());
        assertEquals(NoLiveValueException.messageFor("absent"), absent.getMessage());
    }

    @Test
    void theGroupBitsApplyToMembersOfTheKeysGroup() {
        create(alice, "doc");
        permit("doc", 0xF10);

        assertDoesNotThrow(() -> access.requireRead(bob, "doc"));
        assertThrows(NoLiveValueException.class, () -> access.requireRead(carol, "doc"));
    }

    @Test
    void anOwnerIsHeldToTheOwnerBitsEvenWhenGroupAndOthersMayDoMore() {
        create(alice, "doc");
        permit("doc", 0x0FF);

        assertThrows(NoLiveValueException.class, () -> access.requireRead(alice, "doc"));
        assertThrows(NotPermittedException.class,
                () -> access.put(alice, "doc", json("2"), 0, Precondition.NONE).join());
        assertThrows(NotPermittedException.class, () -> access.delete(alice, "doc", Precondition.NONE).join());
        assertDoesNotThrow(() -> access.requireRead(bob, "doc"));
        assertDoesNotThrow(() -> access.requireRead(carol, "doc"));
    }

    @Test
    void adminsPassEveryKeyPermission() {
        create(alice, "doc");
        permit("doc", 0x000);

        assertDoesNotThrow(() -> access.requireRead(admin, "doc"));
        assertTrue(access.readable(admin).test("doc"));
        access.put(admin, "doc", json("2"), now() + HOUR, Precondition.NONE).join();
        access.delete(admin, "doc", Precondition.NONE).join();

        assertTrue(store.get("doc").isEmpty());
    }

    @Test
    void aKeyWithoutMetadataIsOwnerlessAndReachedOnlyThroughTheOthersBits() {
        StoredValue legacy = store.put("legacy", json("1"), 0, Precondition.NONE).join();

        KeyAccess.StoredMetadata meta = access.metadataOf("legacy");

        assertEquals(KeyMetadata.ownerless(config.defaultPermissions(), legacy.version().timestamp()), meta.meta());
        assertTrue(meta.version().isEmpty());
        assertDoesNotThrow(() -> access.requireRead(alice, "legacy"));
        assertThrows(NotPermittedException.class,
                () -> access.put(alice, "legacy", json("2"), 0, Precondition.NONE).join());
        assertThrows(NotPermittedException.class, () -> access.delete(alice, "legacy", Precondition.NONE).join());
        access.put(admin, "legacy", json("3"), 0, Precondition.NONE).join();
        assertTrue(store.currentVersion(ReservedKeys.metadata("legacy")).isEmpty());
    }

    @Test
    void theStoredMetadataDocumentIsWhatTheChecksSee() {
        create(alice, "doc");

        KeyAccess.StoredMetadata meta = access.metadataOf("doc");

        assertEquals(metadataDocument("doc"), meta.meta());
        assertEquals(store.get(ReservedKeys.metadata("doc")).orElseThrow().version(),
                meta.version().orElseThrow().version());
    }

    @Test
    void malformedMetadataFailsClosedUntilAnAdminRewritesIt() {
        create(alice, "doc");
        permit("doc", 0xFFF);
        store.put(ReservedKeys.metadata("doc"), json("[]"), 0, Precondition.NONE).join();

        KeyAccess.StoredMetadata meta = access.metadataOf("doc");

        assertNull(meta.meta().ownerUuid());
        assertEquals(0, meta.meta().permissions());
        assertTrue(meta.version().isPresent());
        assertThrows(NoLiveValueException.class, () -> access.requireRead(bob, "doc"));
        assertThrows(NotPermittedException.class,
                () -> access.put(alice, "doc", json("2"), 0, Precondition.NONE).join());
        access.requireRead(admin, "doc");
    }

    @Test
    void anOverwriteNeedsTheWriteBitOfTheCallersClass() {
        create(alice, "doc");
        permit("doc", 0xF20);

        access.put(bob, "doc", json("\"bob's\""), 0, Precondition.NONE).join();
        assertThrows(NotPermittedException.class,
                () -> access.put(carol, "doc", json("\"carol's\""), 0, Precondition.NONE).join());

        assertEquals("\"bob's\"", text(store.get("doc").orElseThrow()));
        assertEquals(alice.user(), metadataDocument("doc").ownerUuid());
    }

    @Test
    void anOthersWriteBitLetsAnyoneOverwrite() {
        create(alice, "doc");
        permit("doc", 0xF02);

        access.put(carol, "doc", json("\"carol's\""), 0, Precondition.NONE).join();

        assertEquals("\"carol's\"", text(store.get("doc").orElseThrow()));
    }

    @Test
    void givingAKeyATtlItDidNotHaveNeedsDeleteOrOwnership() {
        create(alice, "doc");
        long expiresAt = now() + HOUR;
        permit("doc", 0xF20);

        assertThrows(NotPermittedException.class,
                () -> access.put(bob, "doc", json("2"), expiresAt, Precondition.NONE).join());
        assertEquals(0, store.get("doc").orElseThrow().expiresAt());

        permit("doc", 0xF60);
        access.put(bob, "doc", json("2"), expiresAt, Precondition.NONE).join();
        assertEquals(expiresAt, store.get("doc").orElseThrow().expiresAt());
    }

    @Test
    void theOwnerMayShortenATtlWithoutTheDeleteBit() {
        long expiresAt = now() + 2 * HOUR;
        access.put(alice, "doc", json("1"), expiresAt, Precondition.NONE).join();
        permit("doc", 0xB11);

        access.put(alice, "doc", json("2"), expiresAt - HOUR, Precondition.NONE).join();

        assertEquals(expiresAt - HOUR, store.get("doc").orElseThrow().expiresAt());
    }

    @Test
    void keepingLengtheningOrDroppingATtlNeedsOnlyWriteButShorteningItNeedsMore() {
        long expiresAt = now() + HOUR;
        access.put(alice, "doc", json("1"), expiresAt, Precondition.NONE).join();
        permit("doc", 0xF20);

        access.put(bob, "doc", json("2"), expiresAt, Precondition.NONE).join();
        access.put(bob, "doc", json("3"), expiresAt + HOUR, Precondition.NONE).join();
        assertThrows(NotPermittedException.class,
                () -> access.put(bob, "doc", json("4"), expiresAt, Precondition.NONE).join());
        access.put(bob, "doc", json("5"), 0, Precondition.NONE).join();

        assertEquals("5", text(store.get("doc").orElseThrow()));
        assertEquals(0, store.get("doc").orElseThrow().expiresAt());
    }

    @Test
    void anOverwriteThatOutlivesTheMetadataExtendsItButAShorterOneDoesNotShortenIt() {
        long expiresAt = now() + HOUR;
        access.put(alice, "doc", json("1"), expiresAt, Precondition.NONE).join();

        access.put(alice, "doc", json("2"), expiresAt + HOUR, Precondition.NONE).join();
        assertEquals(expiresAt + HOUR, metadataExpiry("doc"));

        access.put(alice, "doc", json("3"), expiresAt, Precondition.NONE).join();
        assertEquals(expiresAt + HOUR, metadataExpiry("doc"));

        access.put(alice, "doc", json("4"), 0, Precondition.NONE).join();
        assertEquals(0, metadataExpiry("doc"));
    }

    @Test
    void ifNoneMatchOnALiveKeyFailsAndWritesNothing() {
        create(alice, "doc");

        assertInstanceOf(PreconditionFailedException.class,
                failureOf(access.put(alice, "doc", json("2"), 0, Precondition.ABSENT)));

        assertEquals("1", text(store.get("doc").orElseThrow()));
    }

    @Test
    void ifMatchWritesOnlyOverTheVersionItNames() {
        StoredValue written = create(alice, "doc");

        assertInstanceOf(PreconditionFailedException.class, failureOf(
                access.put(alice, "doc", json("2"), 0, new Precondition.Matches(UUID.randomUUID()))));
        access.put(alice, "doc", json("3"), 0, new Precondition.Matches(written.version().uuid())).join();

        assertEquals("3", text(store.get("doc").orElseThrow()));
    }

    @Test
    void ifMatchOnAnAbsentKeyFailsWithoutCreatingIt() {
        assertInstanceOf(PreconditionFailedException.class, failureOf(
                access.put(alice, "doc", json("1"), 0, new Precondition.Matches(UUID.randomUUID()))));

        assertTrue(store.currentVersion("doc").isEmpty());
        assertTrue(store.currentVersion(ReservedKeys.metadata("doc")).isEmpty());
    }

    @Test
    void ifNoneMatchCreatesAnAbsentKeyWithItsMetadata() {
        access.put(alice, "doc", json("1"), 0, Precondition.ABSENT).join();

        assertEquals(alice.user(), metadataDocument("doc").ownerUuid());
    }

    @Test
    void deletingAKeyWithNoLiveValueIsAnsweredNoLiveValue() {
        assertInstanceOf(NoLiveValueException.class, failureOf(access.delete(alice, "never", Precondition.NONE)));

        create(alice, "doc");
        access.delete(alice, "doc", Precondition.NONE).join();
        assertInstanceOf(NoLiveValueException.class, failureOf(access.delete(alice, "doc", Precondition.NONE)));
        assertInstanceOf(NoLiveValueException.class, failureOf(access.delete(carol, "doc", Precondition.NONE)));
    }

    @Test
    void aDeleteNeedsTheDeleteBitOfTheCallersClass() {
        create(alice, "doc");
        permit("doc", 0xF20);

        assertThrows(NotPermittedException.class, () -> access.delete(bob, "doc", Precondition.NONE).join());
        assertTrue(store.get("doc").isPresent());

        permit("doc", 0xF40);
        assertThrows(NotPermittedException.class, () -> access.delete(carol, "doc", Precondition.NONE).join());
        access.delete(bob, "doc", Precondition.NONE).join();
        assertTrue(store.get("doc").isEmpty());
    }

    @Test
    void ifMatchDeletesOnlyTheVersionItNames() {
        StoredValue written = create(alice, "doc");

        assertInstanceOf(PreconditionFailedException.class,
                failureOf(access.delete(alice, "doc", new Precondition.Matches(UUID.randomUUID()))));
        assertTrue(store.get("doc").isPresent());

        access.delete(alice, "doc", new Precondition.Matches(written.version().uuid())).join();
        assertTrue(store.get("doc").isEmpty());
    }

    @Test
    void aDeletedKeysMetadataExpiresOnceItsTombstoneMayBePurged() {
        create(alice, "doc");
        long gc = TimeUnit.HOURS.toMillis(config.tombstoneGcHours());

        long before = now();
        access.delete(alice, "doc", Precondition.NONE).join();
        long after = now();
        awaitQueuedWrites();

        long expiry = metadataExpiry("doc");
        assertTrue(expiry >= before + gc && expiry <= after + gc, "metadata expiry " + expiry);
        assertEquals(alice.user(), metadataDocument("doc").ownerUuid());
    }

    @Test
    void aListingShowsEachCallerOnlyTheKeysTheyMayRead() {
        create(alice, "open");
        create(alice, "secret");
        permit("secret", 0xF00);

        Predicate<String> forCarol = access.readable(carol);
        Predicate<String> forAlice = access.readable(alice);
        Predicate<String> forAdmin = access.readable(admin);

        assertTrue(forCarol.test("open"));
        assertFalse(forCarol.test("secret"));
        assertTrue(forAlice.test("secret"));
        assertTrue(forAdmin.test("secret"));
    }

    @Test
    void isLiveOnlyWhileTheKeyHasAnUnexpiredValue() {
        long expiresAt = now() + HOUR;
        access.put(alice, "doc", json("1"), expiresAt, Precondition.NONE).join();

        assertTrue(access.isLive("doc", expiresAt - 1));
        assertFalse(access.isLive("doc", expiresAt));
        assertFalse(access.isLive("never", now()));
        access.delete(alice, "doc", Precondition.NONE).join();
        assertFalse(access.isLive("doc", now()));
    }

    @Test
    void narrowedKeepsTheCheckedConditionOnlyWhenTheClientsCanHoldWithIt() {
        UUID live = UUID.randomUUID();
        Precondition checked = new Precondition.Matches(live);

        assertEquals(Optional.of(checked), KeyAccess.narrowed(Precondition.NONE, checked));
        assertEquals(Optional.of(checked), KeyAccess.narrowed(new Precondition.Matches(live), checked));
        assertEquals(Optional.empty(), KeyAccess.narrowed(new Precondition.Matches(UUID.randomUUID()), checked));
        assertEquals(Optional.empty(), KeyAccess.narrowed(Precondition.ABSENT, checked));
        assertEquals(Optional.of(Precondition.ABSENT), KeyAccess.narrowed(Precondition.ABSENT, Precondition.ABSENT));
        assertEquals(Optional.empty(), KeyAccess.narrowed(checked, Precondition.ABSENT));
    }

    @Test
    void unwrappedTakesOffOnlyTheFuturesWrapper() {
        PreconditionFailedException cause = new PreconditionFailedException("x");
        CompletionException empty = new CompletionException("no cause", null);
        IllegalStateException bare = new IllegalStateException();

        assertSame(cause, KeyAccess.unwrapped(new CompletionException(cause)));
        assertSame(empty, KeyAccess.unwrapped(empty));
        assertSame(bare, KeyAccess.unwrapped(bare));
    }

    @Test
    void requireRefusesWithTheReasonGiven() {
        assertDoesNotThrow(() -> KeyAccess.require(true, "fine"));
        assertEquals("no write permission on doc",
                assertThrows(NotPermittedException.class,
                        () -> KeyAccess.require(false, "no write permission on doc")).getMessage());
    }

    private KvsConfig config(String yaml) {
        return ConfigLoader.parse("node_id: \"node-a\"\ndata_dir: \"" + dir + "\"\nindex_capacity: 10000\n"
                + "durability: \"async\"\n" + yaml);
    }

    private KeyAccess accessWith(KvsConfig kvsConfig) {
        return StartedKeyAccess.over(store, kvsConfig);
    }

    private StoredValue create(Caller who, String key) {
        return access.put(who, key, json("1"), 0, Precondition.NONE).join();
    }

    /** A {@code GET /kv} as the data path makes it: the caller's read check, then the live value. */
    private StoredValue readAs(Caller reader, String key) {
        access.requireRead(reader, key);
        return store.get(key).orElseThrow(() -> new NoLiveValueException(key));
    }

    /** What {@code PUT /meta} does: the same owner and group, these bits. */
    private void permit(String key, int bits) {
        KeyMetadata current = metadataDocument(key);
        store.put(ReservedKeys.metadata(key), AuthJson.bytes(AuthJson.metadata(current.withPermissions(bits, now()))),
                metadataExpiry(key), Precondition.NONE).join();
    }

    private KeyMetadata metadataDocument(String key) {
        return AuthJson.parseMetadata(store.get(ReservedKeys.metadata(key)).orElseThrow().data());
    }

    private long metadataExpiry(String key) {
        return store.currentVersion(ReservedKeys.metadata(key)).orElseThrow().expiresAt();
    }

    /** The store's one writer applies writes in order: once a later one is answered, every earlier one is applied. */
    private void awaitQueuedWrites() {
        store.put("after", json("0"), 0, Precondition.NONE).join();
    }

    private static Throwable failureOf(CompletableFuture<?> write) {
        return assertThrows(CompletionException.class, write::join).getCause();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StoredValue value) {
        return new String(value.data(), StandardCharsets.UTF_8);
    }
}
