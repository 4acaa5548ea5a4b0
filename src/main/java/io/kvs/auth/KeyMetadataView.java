package io.kvs.auth;

import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.storage.RangePage;
import io.kvs.storage.Store;
import io.kvs.storage.StoreListener;
import io.kvs.storage.StoredValue;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The metadata of every key that has some, in memory, so that a read's permission check costs no index lookup, log
 * read or JSON parse (the data read is the only one). Loaded from {@code _meta/} at start and kept current by the
 * store's apply listener, whatever wrote the version (this node, a peer's push, anti-entropy), as
 * {@code accounts.Directory} is for users and groups.
 *
 * <p>The store publishes a batch to its index before it tells listeners, so for a moment a new key can be readable
 * while its metadata is not here yet: a miss is therefore not "ownerless" but "ask the store" ({@link #get} is
 * empty). The writer of a metadata change is answered only after the listeners ran, so from then on every read
 * sees it. Owner and group uuids are shared between entries: a million keys of a few users hold a few uuids.
 */
final class KeyMetadataView implements StoreListener {

    private static final Logger LOG = Logger.getLogger(KeyMetadataView.class.getName());
    private static final int PAGE = 1000;
    /** The first key after every {@code _meta/} key ('0' follows '/'). */
    private static final String META_END = "_meta0";

    /** What is held of one key: its metadata and when the metadata document itself expires (0: never). */
    record Entry(KeyMetadata meta, long expiresAt) {
    }

    private final Store store;
    private final LongSupplier clock;
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> uuids = new ConcurrentHashMap<>();

    KeyMetadataView(Store store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Listens, then reads what is stored: a version applied meanwhile is seen either way. */
    void load() {
        store.addListener(this);
        String start = ReservedKeys.META_PREFIX;
        do {
            RangePage page = store.range(start, META_END, PAGE, true, key -> true);
            page.items().forEach(this::refresh);
            start = page.nextStartKey();
        } while (start != null);
        LOG.fine(() -> "key metadata in memory for " + byKey.size() + " keys");
    }

    @Override
    public void applied(StoredValue previous, StoredValue current) {
        if (current.key().startsWith(ReservedKeys.META_PREFIX)) {
            refresh(current);
        }
    }

    /** The stored metadata of {@code clientKey}, or empty when it has none (or none yet: ask the store). */
    Optional<KeyMetadata> get(String clientKey) {
        return entry(clientKey).map(Entry::meta);
    }

    /** As {@link #get}, with the metadata document's own expiry. */
    Optional<Entry> entry(String clientKey) {
        Entry entry = byKey.get(clientKey);
        if (entry == null || (entry.expiresAt != 0 && entry.expiresAt <= clock.getAsLong())) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    int size() {
        return byKey.size();
    }

    private void refresh(StoredValue version) {
        String clientKey = version.key().substring(ReservedKeys.META_PREFIX.length());
        if (version.tombstone() || version.data() == null) {
            byKey.remove(clientKey);
            return;
        }
        try {
            KeyMetadata meta = AuthJson.parseMetadata(version.data());
            byKey.put(clientKey, new Entry(new KeyMetadata(shared(meta.ownerUuid()), shared(meta.groupUuid()),
                    meta.permissions(), meta.createdAt(), meta.updatedAt()), version.expiresAt()));
        } catch (IllegalArgumentException e) {
            // KeyAccess reads it from the store, logs it and treats the key as ownerless.
            byKey.remove(clientKey);
        }
    }

    private UUID shared(UUID uuid) {
        return uuid == null ? null : uuids.computeIfAbsent(uuid, u -> u);
    }
}
