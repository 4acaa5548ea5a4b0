package io.kvs.auth.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.Caller;
import io.kvs.auth.tokens.Scope;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionsTest {

    private static final UUID OWNER = UUID.randomUUID();
    private static final UUID GROUP = UUID.randomUUID();
    private static final Set<Scope> READ_WRITE = Set.of(Scope.READ, Scope.WRITE);

    private final Caller owner = new Caller(OWNER, List.of(), READ_WRITE);
    private final Caller groupMember = new Caller(UUID.randomUUID(), List.of(UUID.randomUUID(), GROUP), READ_WRITE);
    private final Caller stranger = new Caller(UUID.randomUUID(), List.of(UUID.randomUUID()), READ_WRITE);
    private final Caller anonymous = Caller.anonymous(READ_WRITE);
    private final Caller admin = new Caller(UUID.randomUUID(), List.of(), Set.of(Scope.ADMIN));

    private static KeyMetadata key(int permissions) {
        return new KeyMetadata(OWNER, GROUP, permissions, 1, 1);
    }

    @ParameterizedTest
    @CsvSource({"0xF11, 3857", "0xf11, 3857", "0XF11, 3857", "3857, 3857", "0x000, 0", "0, 0", "0xFFF, 4095",
        "4095, 4095", "0x0F11, 3857", "' 0x640 ', 1600"})
    void parsesHexAndDecimal(String text, int expected) {
        assertEquals(expected, Permissions.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0x", "0x1000", "4096", "-1", "-0x1", "F11", "0xG11", "0o777", "1e3", "0x 11",
        "99999999999", "0xFFFFFFFFF"})
    void refusesAnythingElse(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Permissions.parse(text));
        assertTrue(e.getMessage().startsWith("permissions must be 0x000..0xFFF"), e.getMessage());
    }

    @Test
    void refusesValuesOutsideTwelveBits() {
        assertThrows(IllegalArgumentException.class, () -> Permissions.requireValid(-1));
        assertThrows(IllegalArgumentException.class, () -> Permissions.requireValid(0x1000));
        assertThrows(IllegalArgumentException.class, () -> new KeyMetadata(OWNER, GROUP, 0x1000, 1, 1));
        assertEquals(0xFFF, Permissions.requireValid(0xFFF));
    }

    @Test
    void eachClassOwnsFourBits() {
        int bits = 0xCA5;
        assertEquals(0xC, PermissionClass.OWNER.bitsOf(bits));
        assertEquals(0xA, PermissionClass.GROUP.bitsOf(bits));
        assertEquals(0x5, PermissionClass.OTHERS.bitsOf(bits));
    }

    @Test
    void operationBitsAreCreateDeleteWriteRead() {
        assertEquals(8, Operation.CREATE.bit());
        assertEquals(4, Operation.DELETE.bit());
        assertEquals(2, Operation.WRITE.bit());
        assertEquals(1, Operation.READ.bit());
    }

    @Test
    void callerFallsInExactlyOneClass() {
        KeyMetadata meta = key(0xF11);
        assertEquals(PermissionClass.OWNER, Permissions.classOf(meta, owner));
        assertEquals(PermissionClass.GROUP, Permissions.classOf(meta, groupMember));
        assertEquals(PermissionClass.OTHERS, Permissions.classOf(meta, stranger));
        assertEquals(PermissionClass.OTHERS, Permissions.classOf(meta, anonymous));
    }

    @Test
    void ownerInTheKeysGroupIsStillOwner() {
        Caller ownerInGroup = new Caller(OWNER, List.of(GROUP), READ_WRITE);
        assertEquals(PermissionClass.OWNER, Permissions.classOf(key(0xF11), ownerInGroup));
    }

    @Test
    void keyWithoutGroupPutsNobodyInTheGroupClass() {
        KeyMetadata noGroup = new KeyMetadata(OWNER, null, 0xFF0, 1, 1);
        assertEquals(PermissionClass.OTHERS, Permissions.classOf(noGroup, groupMember));
        assertFalse(Permissions.allows(noGroup, groupMember, Operation.READ));
    }

    @Test
    void ownerlessKeyPutsEveryoneInOthers() {
        KeyMetadata ownerless = KeyMetadata.ownerless(0xF11, 1);
        assertEquals(PermissionClass.OTHERS, Permissions.classOf(ownerless, owner));
        assertTrue(Permissions.allows(ownerless, stranger, Operation.READ));
        assertFalse(Permissions.allows(ownerless, stranger, Operation.WRITE));
    }

    @Test
    void defaultF11LetsTheOwnerDoEverythingAndOthersOnlyRead() {
        KeyMetadata meta = key(0xF11);
        for (Operation op : Operation.values()) {
            assertTrue(Permissions.allows(meta, owner, op), op.name());
        }
        for (Caller other : List.of(groupMember, stranger, anonymous)) {
            assertTrue(Permissions.allows(meta, other, Operation.READ));
            assertFalse(Permissions.allows(meta, other, Operation.WRITE));
            assertFalse(Permissions.allows(meta, other, Operation.DELETE));
            assertFalse(Permissions.allows(meta, other, Operation.CREATE));
        }
    }

    @Test
    void ownerWithNarrowerBitsThanOthersGetsOnlyTheirOwn() {
        KeyMetadata meta = key(0x10F);
        assertFalse(Permissions.allows(meta, owner, Operation.WRITE));
        assertTrue(Permissions.allows(meta, owner, Operation.READ));
        assertTrue(Permissions.allows(meta, stranger, Operation.WRITE));
    }

    @Test
    void groupBitsApplyToGroupMembersOnly() {
        KeyMetadata meta = key(0xF60);
        assertTrue(Permissions.allows(meta, groupMember, Operation.WRITE));
        assertTrue(Permissions.allows(meta, groupMember, Operation.DELETE));
        assertFalse(Permissions.allows(meta, groupMember, Operation.READ));
        assertFalse(Permissions.allows(meta, stranger, Operation.WRITE));
        assertFalse(Permissions.allows(meta, stranger, Operation.READ));
    }

    @ParameterizedTest
    @CsvSource({"READ, 0x001", "WRITE, 0x002", "DELETE, 0x004", "CREATE, 0x008"})
    void eachOthersBitGrantsExactlyItsOperation(Operation granted, String bits) {
        KeyMetadata meta = key(Permissions.parse(bits));
        for (Operation op : Operation.values()) {
            assertEquals(op == granted, Permissions.allows(meta, stranger, op), op.name());
        }
    }

    @Test
    void adminBypassesKeyPermissions() {
        KeyMetadata locked = key(0x000);
        for (Operation op : Operation.values()) {
            assertTrue(Permissions.allows(locked, admin, op), op.name());
            assertFalse(Permissions.allows(locked, owner, op), op.name());
        }
    }

    @Test
    void newKeyBelongsToItsWriterAndTheirFirstGroup() {
        KeyMetadata meta = KeyMetadata.forNewKey(groupMember, 0xF11, 42);
        assertEquals(groupMember.user(), meta.ownerUuid());
        assertEquals(groupMember.groups().get(0), meta.groupUuid());
        assertEquals(0xF11, meta.permissions());
        assertEquals(42, meta.createdAt());
        assertEquals(42, meta.updatedAt());
    }

    @Test
    void newKeyOfAWriterWithoutGroupsHasNoGroup() {
        assertEquals(null, KeyMetadata.forNewKey(owner, 0xF11, 1).groupUuid());
        assertEquals(null, KeyMetadata.forNewKey(anonymous, 0xF11, 1).ownerUuid());
    }

    @Test
    void metadataChangesKeepCreationTimeAndStampUpdate() {
        UUID newOwner = UUID.randomUUID();
        KeyMetadata changed = key(0xF11).withOwner(newOwner, 5).withGroup(null, 6).withPermissions(0xF00, 7);
        assertEquals(new KeyMetadata(newOwner, null, 0xF00, 1, 7), changed);
    }

    @Test
    void bringingAKeysEndCloserNeedsDeleteOrOwnership() {
        KeyMetadata groupMayWriteNotDelete = key(0x730); // group: read + write; others: nothing
        long in1s = 1_000;
        long in1h = 3_600_000;

        assertFalse(Permissions.mayOverwriteExpiry(groupMayWriteNotDelete, groupMember, 0, in1s), "ttl on a key with none");
        assertFalse(Permissions.mayOverwriteExpiry(groupMayWriteNotDelete, groupMember, in1h, in1s), "shorter ttl");
        assertTrue(Permissions.mayOverwriteExpiry(groupMayWriteNotDelete, groupMember, 0, 0), "no ttl either way");
        assertTrue(Permissions.mayOverwriteExpiry(groupMayWriteNotDelete, groupMember, in1s, in1h), "a longer ttl");
        assertTrue(Permissions.mayOverwriteExpiry(groupMayWriteNotDelete, groupMember, in1s, 0), "ttl removed");
        assertTrue(Permissions.mayOverwriteExpiry(key(0x000), owner, 0, in1s), "the owner, whatever its bits");
        assertTrue(Permissions.mayOverwriteExpiry(key(0x070), groupMember, 0, in1s), "group with delete");
        assertTrue(Permissions.mayOverwriteExpiry(groupMayWriteNotDelete, admin, 0, in1s));
    }
}
