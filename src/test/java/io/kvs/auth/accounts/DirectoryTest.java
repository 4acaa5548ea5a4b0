package io.kvs.auth.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.tokens.Revocation;
import io.kvs.auth.tokens.RevocationList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectoryTest {

    private final Directory directory = new Directory();
    private final User john = new User(UUID.randomUUID(), "john", 10);
    private final User mary = new User(UUID.randomUUID(), "mary", 20);
    private final Group ops = new Group(UUID.randomUUID(), "ops", 1);
    private final Group dev = new Group(UUID.randomUUID(), "dev", 2);

    @Test
    void usersAreFoundByUuidAndNicknameAndListedOldestFirst() {
        directory.putUser(mary);
        directory.putUser(john);
        assertEquals(Optional.of(john), directory.user(john.uuid()));
        assertEquals(Optional.of(mary), directory.userByNickname("mary"));
        assertEquals(Optional.empty(), directory.userByNickname("Mary"));
        assertEquals(List.of(john, mary), directory.users());
        assertTrue(directory.isLiveUser(john.uuid()));
    }

    @Test
    void removedUserIsNoLongerLive() {
        directory.putUser(john);
        directory.removeUser(john.uuid());
        assertFalse(directory.isLiveUser(john.uuid()));
        assertEquals(Optional.empty(), directory.userByNickname("john"));
    }

    @Test
    void groupsOfAUserLeadWithTheOneJoinedFirst() {
        directory.putUser(john);
        directory.putGroup(ops);
        directory.putGroup(dev);
        directory.putMembership(new GroupMembership(ops.uuid(), john.uuid(), 500));
        directory.putMembership(new GroupMembership(dev.uuid(), john.uuid(), 100));
        assertEquals(List.of(dev.uuid(), ops.uuid()), directory.groupsOf(john.uuid()));
        assertEquals(List.of(john.uuid()), directory.membersOf(ops.uuid()));
    }

    @Test
    void membershipArrivingBeforeItsGroupAndUserCountsOnceBothExist() {
        directory.putMembership(new GroupMembership(ops.uuid(), john.uuid(), 1));
        assertEquals(List.of(), directory.groupsOf(john.uuid()));
        directory.putGroup(ops);
        assertEquals(List.of(), directory.groupsOf(john.uuid()));
        directory.putUser(john);
        assertEquals(List.of(ops.uuid()), directory.groupsOf(john.uuid()));
    }

    @Test
    void removingAMembershipOrTheGroupDropsIt() {
        directory.putUser(john);
        directory.putUser(mary);
        directory.putGroup(ops);
        directory.putMembership(new GroupMembership(ops.uuid(), john.uuid(), 1));
        directory.putMembership(new GroupMembership(ops.uuid(), mary.uuid(), 2));
        directory.removeMembership(ops.uuid(), john.uuid());
        assertEquals(List.of(), directory.groupsOf(john.uuid()));
        assertEquals(List.of(mary.uuid()), directory.membersOf(ops.uuid()));
        directory.removeGroup(ops.uuid());
        assertEquals(List.of(), directory.groupsOf(mary.uuid()));
        assertEquals(Optional.empty(), directory.group(ops.uuid()));
    }

    @Test
    void deletedUserIsNoLongerAMember() {
        directory.putUser(john);
        directory.putGroup(ops);
        directory.putMembership(new GroupMembership(ops.uuid(), john.uuid(), 1));
        directory.removeUser(john.uuid());
        assertEquals(List.of(), directory.membersOf(ops.uuid()));
        assertEquals(List.of(), directory.groupsOf(john.uuid()));
    }

    @Test
    void groupsAreListedOldestFirst() {
        directory.putGroup(dev);
        directory.putGroup(ops);
        assertEquals(List.of(ops, dev), directory.groups());
    }

    @Test
    void revocationsAreKeptUntilRemoved() {
        RevocationList revocations = new RevocationList();
        Revocation soon = new Revocation(UUID.randomUUID(), 1_000);
        Revocation later = new Revocation(UUID.randomUUID(), 5_000);
        revocations.add(soon);
        revocations.add(later);
        assertTrue(revocations.isRevoked(soon.jti()));
        revocations.remove(soon.jti());
        assertFalse(revocations.isRevoked(soon.jti()));
        assertTrue(revocations.isRevoked(later.jti()));
    }
}
