package io.kvs.auth.accounts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory view of users, groups and memberships that every request consults. It is fed from the store (at
 * start and for every local or replicated version under {@code _auth/}), so it holds what the store holds, in
 * whatever order versions arrive: a membership may arrive before its group or user and only counts once both exist.
 * Reads are lock-free; the rare writes rebuild the user-to-groups index under the object's lock.
 */
public final class Directory {

    private static final Comparator<GroupMembership> JOIN_ORDER =
            Comparator.comparingLong(GroupMembership::addedAt).thenComparing(m -> m.groupUuid().toString());
    private static final Comparator<User> USER_ORDER =
            Comparator.comparingLong(User::createdAt).thenComparing(u -> u.uuid().toString());
    private static final Comparator<Group> GROUP_ORDER =
            Comparator.comparingLong(Group::createdAt).thenComparing(g -> g.uuid().toString());

    private final Map<UUID, User> users = new ConcurrentHashMap<>();
    private final Map<UUID, Group> groups = new ConcurrentHashMap<>();
    private final Map<UUID, Map<UUID, GroupMembership>> membershipsByGroup = new ConcurrentHashMap<>();
    private volatile Map<UUID, List<UUID>> groupsByUser = Map.of();

    public void putUser(User user) {
        users.put(user.uuid(), user);
        reindex();
    }

    public void removeUser(UUID user) {
        users.remove(user);
        reindex();
    }

    public void putGroup(Group group) {
        groups.put(group.uuid(), group);
        reindex();
    }

    public void removeGroup(UUID group) {
        groups.remove(group);
        reindex();
    }

    public void putMembership(GroupMembership membership) {
        membershipsByGroup.computeIfAbsent(membership.groupUuid(), g -> new ConcurrentHashMap<>())
                .put(membership.userUuid(), membership);
        reindex();
    }

    public void removeMembership(UUID group, UUID user) {
        Map<UUID, GroupMembership> members = membershipsByGroup.get(group);
        if (members != null) {
            members.remove(user);
        }
        reindex();
    }

    public boolean isLiveUser(UUID user) {
        return users.containsKey(user);
    }

    public Optional<User> user(UUID user) {
        return Optional.ofNullable(users.get(user));
    }

    /** Nicknames are unique per node; two nodes accepting the same nickname at once is possible (see README). */
    public Optional<User> userByNickname(String nickname) {
        return users.values().stream().filter(u -> u.nickname().equals(nickname)).min(USER_ORDER);
    }

    /** Every user, oldest first. */
    public List<User> users() {
        return users.values().stream().sorted(USER_ORDER).toList();
    }

    public Optional<Group> group(UUID group) {
        return Optional.ofNullable(groups.get(group));
    }

    /** Every group, oldest first. */
    public List<Group> groups() {
        return groups.values().stream().sorted(GROUP_ORDER).toList();
    }

    /** The existing users in {@code group}, in the order they joined it. */
    public List<UUID> membersOf(UUID group) {
        return membershipsByGroup.getOrDefault(group, Map.of()).values().stream()
                .filter(m -> users.containsKey(m.userUuid()))
                .sorted(Comparator.comparingLong(GroupMembership::addedAt).thenComparing(m -> m.userUuid().toString()))
                .map(GroupMembership::userUuid)
                .toList();
    }

    /** The existing groups {@code user} is in, the one they joined first leading. */
    public List<UUID> groupsOf(UUID user) {
        return groupsByUser.getOrDefault(user, List.of());
    }

    private synchronized void reindex() {
        Map<UUID, List<GroupMembership>> byUser = new HashMap<>();
        membershipsByGroup.forEach((group, members) -> {
            if (groups.containsKey(group)) {
                members.values().stream().filter(m -> users.containsKey(m.userUuid()))
                        .forEach(m -> byUser.computeIfAbsent(m.userUuid(), u -> new ArrayList<>()).add(m));
            }
        });
        Map<UUID, List<UUID>> index = new HashMap<>();
        byUser.forEach((user, list) ->
                index.put(user, list.stream().sorted(JOIN_ORDER).map(GroupMembership::groupUuid).toList()));
        groupsByUser = Map.copyOf(index);
    }
}
