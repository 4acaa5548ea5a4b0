package io.kvs.auth;

import io.kvs.auth.accounts.Directory;
import io.kvs.auth.accounts.Group;
import io.kvs.auth.accounts.GroupMembership;
import io.kvs.auth.accounts.User;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.Scope;
import io.kvs.auth.tokens.SignedToken;
import io.kvs.config.Durations;
import io.kvs.refusals.ConflictException;
import io.kvs.refusals.InvalidRequestException;
import io.kvs.refusals.UnknownResourceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Users, tokens and groups (SPEC §3): the rules behind {@code /auth/*}. Checks and writes that must not interleave
 * (a nickname taken twice) run under one lock; uniqueness is per node, since two nodes may accept the same
 * nickname at the same moment before either hears of the other.
 */
@ApplicationScoped
public class AccountService {

    /** Nicknames and group names: printable, at most this many characters. */
    static final int MAX_NAME_LENGTH = 64;

    private AuthService auth;
    private final Object namesLock = new Object();

    @Inject
    public AccountService(AuthService auth) {
        this.auth = auth;
    }

    protected AccountService() {
    }

    public User createUser(String nickname) {
        return createNamed("nickname", nickname, "nickname", taken -> directory().userByNickname(taken).isPresent(),
                name -> new User(UUID.randomUUID(), name, System.currentTimeMillis()), records()::saveUser);
    }

    public List<User> users() {
        return directory().users();
    }

    public User user(UUID uuid) {
        return directory().user(uuid).orElseThrow(() -> new UnknownResourceException("no user " + uuid));
    }

    public List<UUID> groupsOf(UUID user) {
        return directory().groupsOf(user);
    }

    /** Deletes the user and their memberships; their tokens stop working at once (the verifier checks the user). */
    public void deleteUser(UUID uuid) {
        user(uuid);
        records().deleteUser(uuid);
    }

    /**
     * @param ttl the requested lifetime text, null for {@code token_ttl}
     */
    public SignedToken issueToken(UUID userUuid, Set<Scope> scopes, String ttl) {
        if (directory().user(userUuid).isEmpty()) {
            throw new InvalidRequestException("unknown user " + userUuid);
        }
        Duration lifetime = ttl == null ? auth.config().tokenTtl() : parseTtl(ttl);
        SignedToken token;
        try {
            token = auth.issuer().issue(userUuid, scopes, lifetime);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        records().saveToken(token.claims());
        return token;
    }

    /** Revokes a token by its id; revoking twice is harmless. Unknown (or already expired) ids are 404. */
    public void revokeToken(UUID jti) {
        IssuedToken token = records().token(jti)
                .orElseThrow(() -> new UnknownResourceException("no unexpired token with jti " + jti));
        records().revoke(token);
    }

    public Group createGroup(String name) {
        return createNamed("name", name, "group name",
                taken -> directory().groups().stream().anyMatch(g -> g.name().equals(taken)),
                chosen -> new Group(UUID.randomUUID(), chosen, System.currentTimeMillis()), records()::saveGroup);
    }

    /** Names are unique per kind: checked and saved under one lock, so two creations cannot both take a name. */
    private <T> T createNamed(String field, String name, String kind, Predicate<String> taken,
                              Function<String, T> create, Consumer<T> save) {
        checkName(field, name);
        synchronized (namesLock) {
            if (taken.test(name)) {
                throw new ConflictException(kind + " \"" + name + "\" is taken");
            }
            T created = create.apply(name);
            save.accept(created);
            return created;
        }
    }

    public List<Group> groups() {
        return directory().groups();
    }

    public Group group(UUID uuid) {
        return directory().group(uuid).orElseThrow(() -> new UnknownResourceException("no group " + uuid));
    }

    public List<UUID> membersOf(UUID group) {
        return directory().membersOf(group);
    }

    public void deleteGroup(UUID uuid) {
        group(uuid);
        records().deleteGroup(uuid);
    }

    /** Adds a member; adding an existing member keeps their original join time (and so their first group). */
    public void addMember(UUID group, UUID user) {
        group(group);
        user(user);
        if (!directory().membersOf(group).contains(user)) {
            records().saveMembership(new GroupMembership(group, user, System.currentTimeMillis()));
        }
    }

    public void removeMember(UUID group, UUID user) {
        group(group);
        if (!directory().membersOf(group).contains(user)) {
            throw new UnknownResourceException("user " + user + " is not a member of group " + group);
        }
        records().deleteMembership(group, user);
    }

    private static Duration parseTtl(String ttl) {
        try {
            return Durations.parse(ttl);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid ttl: " + e.getMessage());
        }
    }

    private static void checkName(String member, String name) {
        if (name.length() > MAX_NAME_LENGTH || name.strip().length() != name.length()
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(member + " must be 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters or surrounding spaces");
        }
    }

    private Directory directory() {
        return auth.directory();
    }

    private AuthRecords records() {
        return auth.records();
    }
}
