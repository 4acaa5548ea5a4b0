package io.kvs.auth;

import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.auth.permissions.Operation;
import io.kvs.auth.permissions.Permissions;
import io.kvs.auth.tokens.Caller;
import io.kvs.config.KvsConfig;
import io.kvs.refusals.NotAuthenticatedException;
import io.kvs.refusals.NotPermittedException;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.Precondition;
import io.kvs.storage.PreconditionFailedException;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Key permissions on the data API (SPEC §3 Key permissions): the data resources call these in place of the bare
 * store so that every read, write, delete and listing is checked against the key's metadata, and a new key gets
 * its metadata. With auth off every method is the bare store call.
 *
 * <p>Metadata lives at {@code _meta/<key>} and is consulted only while the key is live, so a stale document of a
 * deleted or expired key is harmless: creating the key again replaces it. A new key's metadata is written with its
 * data, in the same durable batch and only if the data is ({@link Store#putWithCompanion}), and kept alive at least
 * as long as the data; after a delete it expires once the tombstone may be purged ({@code tombstone_gc_hours}).
 */
@ApplicationScoped
public class KeyAccess {

    private static final Logger LOG = Logger.getLogger(KeyAccess.class.getName());
    /** Checks of one write when the key keeps changing under it; then its last precondition failure is answered. */
    private static final int CHECK_ATTEMPTS = 3;
    private static final int NO_PERMISSIONS = 0;

    private AuthService auth;
    private Store store;
    private KvsConfig config;

    @Inject
    public KeyAccess(AuthService auth, Store store, KvsConfig config) {
        this.auth = auth;
        this.store = store;
        this.config = config;
    }

    protected KeyAccess() {
    }

    /**
     * Unless the caller may read {@code key}, the very answer an absent key gets: 404 "no live value" (a 403 would
     * tell a caller who may not read a key that it exists). Decided on the in-memory metadata, so the data path
     * checks first and reads the value only for a caller who may have it; since both refusals are the same answer,
     * checking a key that turns out absent reveals nothing.
     */
    public void requireRead(Caller admitted, String key) {
        Caller caller = callerOf(admitted);
        if (caller != null && !Permissions.allows(checkedMetadata(key), caller, Operation.READ)) {
            throw new NoLiveValueException(key);
        }
    }

    /** Which live client keys a listing may show the caller. */
    public Predicate<String> readable(Caller admitted) {
        Caller caller = callerOf(admitted);
        if (caller == null || caller.isAdmin()) {
            return key -> true;
        }
        return key -> Permissions.allows(checkedMetadata(key), caller, Operation.READ);
    }

    /**
     * {@link Store#put} after checking {@code write} (overwrite) or the create rule (new key). The write lands only
     * on the version that was checked (or only while the key is still absent): a delete and re-create by someone
     * else in between makes the check run again against the new key, instead of a stale write landing on it.
     */
    public CompletableFuture<StoredValue> put(Caller admitted, String key, byte[] json, long expiresAt,
                                              Precondition precondition) {
        Caller caller = callerOf(admitted);
        if (caller == null) {
            return store.put(key, json, expiresAt, precondition);
        }
        return checkedPut(caller, key, json, expiresAt, precondition, 1);
    }

    private CompletableFuture<StoredValue> checkedPut(Caller caller, String key, byte[] json, long expiresAt,
                                                      Precondition precondition, int attempt) {
        long now = System.currentTimeMillis();
        Optional<StoredValue> live = liveVersion(key, now);
        CompletableFuture<StoredValue> write;
        if (live.isPresent()) {
            // The stored metadata version is needed only to extend the metadata past a longer-lived value.
            Optional<KeyMetadataView.Entry> held = auth.keyMetadata().entry(key)
                    .filter(entry -> !outlives(expiresAt, entry.expiresAt()));
            StoredMetadata current = held.map(entry -> new StoredMetadata(entry.meta(), Optional.empty()))
                    .orElseGet(() -> metadataOf(key));
            require(Permissions.allows(current.meta(), caller, Operation.WRITE), "no write permission on " + key);
            require(Permissions.mayOverwriteExpiry(current.meta(), caller, live.get().expiresAt(), expiresAt),
                    "setting or shortening the ttl of " + key + " needs delete permission or ownership");
            Optional<Precondition> checked = narrowed(precondition, new Precondition.Matches(live.get().version().uuid()));
            if (checked.isEmpty()) {
                return preconditionFailed(key);
            }
            current.version().filter(meta -> outlives(expiresAt, meta.expiresAt())).ifPresent(meta ->
                    background(store.put(meta.key(), meta.data(), expiresAt,
                            new Precondition.Matches(meta.version().uuid())), "extend metadata of " + key));
            write = store.put(key, json, expiresAt, checked.get());
        } else {
            require(Permissions.mayCreate(key, caller, this::liveMetadata),
                    "no create permission on the nearest existing parent key of " + key);
            if (narrowed(precondition, Precondition.ABSENT).isEmpty()) {
                return preconditionFailed(key);
            }
            KeyMetadata created = KeyMetadata.forNewKey(caller, config.defaultPermissions(), now);
            write = store.putWithCompanion(key, json, expiresAt, Precondition.ABSENT, ReservedKeys.metadata(key),
                    AuthJson.bytes(AuthJson.metadata(created)));
        }
        return retriedIfRaced(write, precondition, attempt,
                next -> checkedPut(caller, key, json, expiresAt, precondition, next));
    }

    /** {@link Store#delete} after checking {@code delete}, of the version checked; an absent key is left to the store's 404. */
    public CompletableFuture<StoredValue> delete(Caller admitted, String key, Precondition precondition) {
        Caller caller = callerOf(admitted);
        if (caller == null) {
            return store.delete(key, precondition);
        }
        return checkedDelete(caller, key, precondition, 1);
    }

    private CompletableFuture<StoredValue> checkedDelete(Caller caller, String key, Precondition precondition,
                                                         int attempt) {
        Optional<StoredValue> live = liveVersion(key, System.currentTimeMillis());
        if (live.isEmpty()) {
            return store.delete(key, precondition);
        }
        StoredMetadata current = metadataOf(key);
        require(Permissions.allows(current.meta(), caller, Operation.DELETE), "no delete permission on " + key);
        Optional<Precondition> checked = narrowed(precondition, new Precondition.Matches(live.get().version().uuid()));
        if (checked.isEmpty()) {
            return preconditionFailed(key);
        }
        CompletableFuture<StoredValue> delete = store.delete(key, checked.get()).thenApply(deleted -> {
            current.version().ifPresent(meta -> background(store.put(meta.key(), meta.data(),
                    System.currentTimeMillis() + TimeUnit.HOURS.toMillis(config.tombstoneGcHours()),
                    new Precondition.Matches(meta.version().uuid())), "expire metadata of " + key));
            return deleted;
        });
        return retriedIfRaced(delete, precondition, attempt, next -> checkedDelete(caller, key, precondition, next));
    }

    /**
     * The one precondition that holds iff both the client's and the checked one (the live version seen, or
     * absence) do; empty when they cannot both hold (the client's If-Match names another version, or
     * If-None-Match: * on a live key).
     */
    static Optional<Precondition> narrowed(Precondition client, Precondition checked) {
        boolean both = checked instanceof Precondition.Matches live ? client.holdsForLive(live.uuid())
                : client.holdsForAbsent();
        return both ? Optional.of(checked) : Optional.empty();
    }

    /**
     * When the write failed only on the version this check added (the client sent no precondition), the key changed
     * between check and write: check again, off the store's acknowledger thread, a few times at most.
     */
    private static CompletableFuture<StoredValue> retriedIfRaced(CompletableFuture<StoredValue> write,
            Precondition client, int attempt, IntFunction<CompletableFuture<StoredValue>> again) {
        if (!(client instanceof Precondition.None) || attempt >= CHECK_ATTEMPTS) {
            return write;
        }
        return write.exceptionallyComposeAsync(failure -> unwrapped(failure) instanceof PreconditionFailedException
                ? again.apply(attempt + 1) : CompletableFuture.failedFuture(failure));
    }

    /** The answer the store gives a write whose precondition does not hold, given before the write is queued. */
    private static CompletableFuture<StoredValue> preconditionFailed(String key) {
        return CompletableFuture.failedFuture(new PreconditionFailedException("precondition failed for " + key));
    }

    /** What failed a store write, without the future's wrapper. */
    static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * The metadata a decision that writes nothing is made on (a read, a listing, the create rule's look at the
     * parents): from memory, without touching the store, unless the view has none for the key yet.
     */
    KeyMetadata checkedMetadata(String key) {
        return auth.keyMetadata().get(key).orElseGet(() -> metadataOf(key).meta());
    }

    /**
     * The metadata of a live key with the version it is stored as, which a metadata change is conditioned on: its
     * stored document, or ownerless defaults when it has none. A document that cannot be read (corrupt, or from a
     * peer that writes another format) fails closed: nobody but an admin may touch the key until an admin rewrites
     * the metadata, conditioned on that stored version.
     */
    StoredMetadata metadataOf(String key) {
        Optional<StoredValue> stored = store.get(ReservedKeys.metadata(key));
        if (stored.isPresent()) {
            try {
                return new StoredMetadata(AuthJson.parseMetadata(stored.get().data()), stored);
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "malformed metadata of " + key + ": only admins may use the key until an admin "
                        + "sets its metadata again (" + e.getMessage() + ")");
                return new StoredMetadata(KeyMetadata.ownerless(NO_PERMISSIONS, createdAt(key)), stored);
            }
        }
        return new StoredMetadata(KeyMetadata.ownerless(config.defaultPermissions(), createdAt(key)), Optional.empty());
    }

    /** When the key's current version was written: the creation time shown for a key without metadata. */
    private long createdAt(String key) {
        return store.currentVersion(key).map(v -> v.version().timestamp()).orElse(0L);
    }

    boolean isLive(String key, long now) {
        return liveVersion(key, now).isPresent();
    }

    private Optional<StoredValue> liveVersion(String key, long now) {
        return store.currentVersion(key).filter(v -> v.isLiveAt(now));
    }

    /** Refuses a request on every key at once (SPEC §10 {@code all=true}) unless by an admin; with auth off, anyone. */
    public void requireAdmin(Caller admitted, String what) {
        Caller caller = callerOf(admitted);
        require(caller == null || caller.isAdmin(), what + " needs an admin token");
    }

    /**
     * The caller a data request runs as: the one the gate admitted, null when auth is off. Fails closed if the gate
     * did not run.
     */
    Caller callerOf(Caller admitted) {
        if (!auth.enabled()) {
            return null;
        }
        if (admitted == null) {
            throw new NotAuthenticatedException("a bearer token is required", RequestGate.CHALLENGE);
        }
        return admitted;
    }

    static void require(boolean allowed, String reason) {
        if (!allowed) {
            throw new NotPermittedException(reason);
        }
    }

    private Optional<KeyMetadata> liveMetadata(String key) {
        return isLive(key, System.currentTimeMillis()) ? Optional.of(checkedMetadata(key)) : Optional.empty();
    }

    /** Whether data expiring at {@code dataExpiry} would outlive metadata expiring at {@code metaExpiry} (0 = never). */
    private static boolean outlives(long dataExpiry, long metaExpiry) {
        return metaExpiry != 0 && (dataExpiry == 0 || dataExpiry > metaExpiry);
    }

    /** A metadata write nobody waits for; losing a race to a newer metadata version is expected and fine. */
    private static void background(CompletableFuture<StoredValue> write, String what) {
        write.whenComplete((written, failure) -> {
            Throwable cause = failure == null ? null : unwrapped(failure);
            if (cause != null && !(cause instanceof PreconditionFailedException)) {
                LOG.log(Level.WARNING, "could not " + what, cause);
            }
        });
    }

    /** Metadata as the checks see it, and the stored version it came from (empty for ownerless defaults). */
    record StoredMetadata(KeyMetadata meta, Optional<StoredValue> version) {
    }
}
