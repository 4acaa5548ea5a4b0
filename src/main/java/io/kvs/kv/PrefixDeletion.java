package io.kvs.kv;

import io.kvs.keys.Keys;
import io.kvs.refusals.NotPermittedException;
import io.kvs.storage.NoLiveValueException;
import io.kvs.storage.PreconditionFailedException;
import io.kvs.storage.RangePage;
import io.kvs.storage.Store;
import io.kvs.storage.StoredValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code DELETE /kv/_range?prefix=} (SPEC §10): a tombstone for every live client key under a prefix that the caller
 * may delete. Keys are deleted a page at a time, every delete of a page handed to the store before waiting for any,
 * so that they share group commits (one fsync for many tombstones) while memory stays bounded by the page.
 *
 * <p>A key the caller may not delete is left and counted as skipped; one deleted by someone else meanwhile is
 * neither; one rewritten meanwhile (the delete's check kept failing on a newer version) is left and skipped too.
 */
final class PrefixDeletion {

    static final int PAGE = 1_000;

    /** What a prefix deletion did: {@code {"deleted": n, "skipped": m}}. */
    record Outcome(long deleted, long skipped) {

        byte[] json() {
            return ("{\"deleted\":" + deleted + ",\"skipped\":" + skipped + "}").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private PrefixDeletion() {
    }

    /**
     * @param delete  deletes one key as the caller (throws {@link NotPermittedException} when the caller may not)
     * @param deleted told each key once its tombstone is durable (the audit entry of that key)
     * @throws CompletionException when the store fails a delete; every key of its page that was deleted is reported
     */
    static Outcome run(Store store, String prefix, Function<String, CompletableFuture<StoredValue>> delete,
                       Consumer<String> deleted) {
        String end = Keys.prefixUpperBound(prefix);
        String start = prefix.isEmpty() ? null : prefix;
        long deletedCount = 0;
        long skipped = 0;
        do {
            RangePage page = store.range(start, end, PAGE, false, key -> !Keys.isReserved(key));
            List<String> keys = new ArrayList<>(page.items().size());
            List<CompletableFuture<StoredValue>> writes = new ArrayList<>(page.items().size());
            for (StoredValue item : page.items()) {
                try {
                    writes.add(delete.apply(item.key()));
                    keys.add(item.key());
                } catch (NotPermittedException e) {
                    skipped++;
                }
            }
            CompletionException failed = null;
            for (int i = 0; i < writes.size(); i++) {
                try {
                    switch (outcomeOf(writes.get(i))) {
                        case DELETED -> {
                            deletedCount++;
                            deleted.accept(keys.get(i));
                        }
                        case SKIPPED -> skipped++;
                        case GONE -> {
                        }
                    }
                } catch (CompletionException e) {
                    // the page's other deletes still land (or fail) and are reported before the failure is
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
            start = page.nextStartKey();
        } while (start != null);
        return new Outcome(deletedCount, skipped);
    }

    private enum KeyOutcome { DELETED, SKIPPED, GONE }

    private static KeyOutcome outcomeOf(CompletableFuture<StoredValue> write) {
        try {
            write.join();
            return KeyOutcome.DELETED;
        } catch (CompletionException e) {
            if (e.getCause() instanceof NoLiveValueException) {
                return KeyOutcome.GONE;
            }
            if (e.getCause() instanceof PreconditionFailedException || e.getCause() instanceof NotPermittedException) {
                return KeyOutcome.SKIPPED;
            }
            throw e;
        }
    }
}
