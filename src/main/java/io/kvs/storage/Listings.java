package io.kvs.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/** The store's key-ordered listings, read from the sorted key set and the index (never from the writer). */
final class Listings {

    private final StoreState state;
    private final RecordReader reader;
    private final LongSupplier clock;

    Listings(StoreState state, RecordReader reader, LongSupplier clock) {
        this.state = state;
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Live keys in ascending unsigned UTF-8 byte order from {@code startKey} (inclusive, null = first) to
     * {@code endKey} (exclusive, null = unbounded), skipping keys {@code visible} rejects, at most {@code limit}. A
     * page also ends, with the key to continue from, once it holds {@value Store#RANGE_PAGE_VALUE_BYTES} bytes of values or has looked at {@code 10 * limit + 1000} keys
     * (listed or not: hidden, expired), so neither large values nor a caller who may read few of many keys can make
     * one request hold unbounded memory or run unbounded work. Such a page may hold fewer than {@code limit} items,
     * even none, and still have a next start key.
     */
    RangePage range(String startKey, String endKey, int limit, boolean includeValues,
                           Predicate<String> visible) {
        // A bound is compared, never stored: any string is one ("\0" ends before every key), unlike a key.
        byte[] end = endKey == null ? null : SortedKeys.utf8(endKey);
        long now = clock.getAsLong();
        long maxScanned = 10L * limit + 1_000;
        List<StoredValue> items = new ArrayList<>(Math.min(limit, 1024));
        long valueBytes = 0;
        long scanned = 0;
        for (byte[] keyBytes : state.keys.from(startKey)) {
            if (end != null && Arrays.compareUnsigned(keyBytes, end) >= 0) {
                break;
            }
            String key = new String(keyBytes, StandardCharsets.UTF_8);
            if (++scanned > maxScanned) {
                return new RangePage(items, key);
            }
            IndexEntry entry = state.index.get(key);
            if (entry == null || !entry.liveAt(now) || !visible.test(key)) {
                continue;
            }
            if (items.size() >= limit || valueBytes >= Store.RANGE_PAGE_VALUE_BYTES) {
                return new RangePage(items, key);
            }
            StoredValue item = includeValues ? reader.live(key) : state.withoutData(key, entry);
            if (item != null) {
                items.add(item);
                valueBytes += item.data() == null ? 0 : item.data().length;
            }
        }
        return new RangePage(items, null);
    }

    /**
     * Current versions of every key from {@code startKey} (inclusive, null = first) in key order, tombstones and
     * expired versions included, without data: for anti-entropy and bootstrap, which must see deletions too.
     */
    RangePage versions(String startKey, int limit) {
        List<StoredValue> items = new ArrayList<>(Math.min(limit, 1024));
        for (byte[] keyBytes : state.keys.from(startKey)) {
            String key = new String(keyBytes, StandardCharsets.UTF_8);
            IndexEntry entry = state.index.get(key);
            if (entry == null) {
                continue;
            }
            if (items.size() >= limit) {
                return new RangePage(items, key);
            }
            items.add(state.withoutData(key, entry));
        }
        return new RangePage(items, null);
    }
}
