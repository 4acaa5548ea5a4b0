package io.kvs.auth;

import io.kvs.auth.accounts.Directory;
import io.kvs.auth.accounts.Group;
import io.kvs.auth.accounts.GroupMembership;
import io.kvs.auth.accounts.User;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.Revocation;
import io.kvs.auth.tokens.RevocationList;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.Precondition;
import io.kvs.storage.RangePage;
import io.kvs.storage.Store;
import io.kvs.storage.StoreListener;
import io.kvs.storage.StoredValue;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Auth state in the store, and the in-memory views kept equal to it. Every change, local or replicated, reaches
 * {@link #applied} from the store; the view is then refreshed from what the store holds for that key at that moment
 * (under one lock), never from the event itself, so the start-up scan and concurrent changes cannot leave an older
 * state in the view. Token registry entries and revocations are stored with the token's expiry, so the store's own
 * TTL reaper forgets them once the token is dead anyway.
 */
final class AuthRecords implements StoreListener {

    private static final Logger LOG = Logger.getLogger(AuthRecords.class.getName());
    private static final int PAGE = 1000;
    /** The first key after every key starting with {@code _auth/} ('0' follows '/'). */
    private static final String AUTH_END = "_auth0";

    private final Store store;
    private final Directory directory;
    private final RevocationList revocations;

    AuthRecords(Store store, Directory directory, RevocationList revocations) {
        this.store = store;
        this.directory = directory;
        this.revocations = revocations;
    }

    /** Subscribes to changes, then reads every stored auth record into the views. */
    void load() {
        store.addListener(this);
        String start = ReservedKeys.AUTH_PREFIX;
        do {
            RangePage page = store.range(start, AUTH_END, PAGE, false, key -> true);
            page.items().forEach(item -> refresh(item.key()));
            start = page.nextStartKey();
        } while (start != null);
    }

    @Override
    public void applied(StoredValue previous, StoredValue current) {
        if (current.key().startsWith(ReservedKeys.AUTH_PREFIX)) {
            refresh(current.key());
        }
    }

    void saveUser(User user) {
        write(ReservedKeys.user(user.uuid()), AuthJson.bytes(AuthJson.user(user)), 0);
    }

    void deleteUser(UUID user) {
        directory.groups().forEach(g -> {
            if (directory.membersOf(g.uuid()).contains(user)) {
                delete(ReservedKeys.membership(g.uuid(), user));
            }
        });
        delete(ReservedKeys.user(user));
    }

    void saveGroup(Group group) {
        write(ReservedKeys.group(group.uuid()), AuthJson.bytes(AuthJson.group(group)), 0);
    }

    void deleteGroup(UUID group) {
        directory.membersOf(group).forEach(user -> delete(ReservedKeys.membership(group, user)));
        delete(ReservedKeys.group(group));
    }

    void saveMembership(GroupMembership membership) {
        write(ReservedKeys.membership(membership.groupUuid(), membership.userUuid()),
                AuthJson.bytes(AuthJson.membership(membership)), 0);
    }

    void deleteMembership(UUID group, UUID user) {
        delete(ReservedKeys.membership(group, user));
    }

    void saveToken(IssuedToken token) {
        write(ReservedKeys.token(token.jti()), AuthJson.bytes(AuthJson.token(token)), token.expiresAt());
    }

    Optional<IssuedToken> token(UUID jti) {
        return store.get(ReservedKeys.token(jti)).map(v -> AuthJson.parseToken(v.data()));
    }

    void revoke(IssuedToken token) {
        write(ReservedKeys.revocation(token.jti()),
                AuthJson.bytes(AuthJson.revocation(new Revocation(token.jti(), token.expiresAt()))), token.expiresAt());
    }

    /** Root bootstrap: the user and its token's registry entry, both durable before returning. */
    void saveRoot(User root, IssuedToken token) {
        saveUser(root);
        saveToken(token);
    }

    /** Writes durably (blocking: auth changes are rare administrative calls) and refreshes the view at once. */
    private void write(String key, byte[] json, long expiresAt) {
        try {
            store.put(key, json, expiresAt, Precondition.NONE).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
        refresh(key);
    }

    private void delete(String key) {
        try {
            store.delete(key, Precondition.NONE).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof NoLiveValueException)) {
                throw unwrap(e);
            }
        }
        refresh(key);
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? r : e;
    }

    /** Makes the views hold what the store holds for {@code key} now. */
    private synchronized void refresh(String key) {
        Optional<StoredValue> live = store.get(key);
        try {
            apply(key, live.map(StoredValue::data).orElse(null));
        } catch (IllegalArgumentException e) {
            // A malformed record from a peer must not stop the node; the key is left as it was in the view.
            LOG.log(Level.WARNING, "ignoring malformed auth record " + key + ": " + e.getMessage());
        }
    }

    private void apply(String key, byte[] data) {
        Optional<UUID> id;
        if ((id = ReservedKeys.uuidAfter(ReservedKeys.USERS, key)).isPresent()) {
            if (data == null) {
                directory.removeUser(id.get());
            } else {
                directory.putUser(checked(id.get(), AuthJson.parseUser(data), User::uuid));
            }
        } else if ((id = ReservedKeys.uuidAfter(ReservedKeys.GROUPS, key)).isPresent()) {
            if (data == null) {
                directory.removeGroup(id.get());
            } else {
                directory.putGroup(checked(id.get(), AuthJson.parseGroup(data), Group::uuid));
            }
        } else if ((id = ReservedKeys.uuidAfter(ReservedKeys.REVOKED, key)).isPresent()) {
            if (data == null) {
                revocations.remove(id.get());
            } else {
                revocations.add(checked(id.get(), AuthJson.parseRevocation(data), Revocation::jti));
            }
        } else {
            ReservedKeys.membershipId(key).ifPresent(m -> {
                if (data == null) {
                    directory.removeMembership(m.group(), m.user());
                } else {
                    GroupMembership membership = AuthJson.parseMembership(data);
                    if (!List.of(membership.groupUuid(), membership.userUuid()).equals(List.of(m.group(), m.user()))) {
                        throw new IllegalArgumentException("membership document does not match its key");
                    }
                    directory.putMembership(membership);
                }
            });
        }
    }

    private static <T> T checked(UUID keyId, T record, Function<T, UUID> id) {
        if (!keyId.equals(id.apply(record))) {
            throw new IllegalArgumentException("document id does not match its key");
        }
        return record;
    }
}
