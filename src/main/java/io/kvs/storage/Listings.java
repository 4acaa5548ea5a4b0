package io.kvs.storage;

import io.kvs.keys.Keys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
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
     * One level under {@code prefix} (SPEC §10) in key order from {@code startKey} (inclusive, null = the prefix):
     * the live keys with no {@code separator} after the prefix, and once each the prefixes one level down (up to and
     * including the next separator) with how many live keys {@code visible} accepts below them; a prefix with none
     * is not listed. Keys and prefixes together are at most {@code limit}, and a page is bounded in bytes and in
     * entries looked at as for {@link #range}; a prefix's count is always complete, so that it is listed once and a
     * next page that starts at it counts it again: counting costs one pass over the keys below the listed prefixes.
     */
    LevelPage level(String prefix, String separator, String startKey, int limit, boolean includeValues,
                    Predicate<String> visible) {
        byte[] end = upperBound(prefix);
        long now = clock.getAsLong();
        long maxScanned = 10L * limit + 1_000;
        List<StoredValue> items = new ArrayList<>();
        List<LevelPage.PrefixCount> prefixes = new ArrayList<>();
        long scanned = 0;
        long valueBytes = 0;
        Iterator<byte[]> keys = state.keys.from(startKey == null ? prefix : startKey).iterator();
        while (keys.hasNext()) {
            byte[] keyBytes = keys.next();
            if (end != null && Arrays.compareUnsigned(keyBytes, end) >= 0) {
                break;
            }
            String key = new String(keyBytes, StandardCharsets.UTF_8);
            int separatorAt = key.indexOf(separator, prefix.length());
            String below = separatorAt < 0 ? null : key.substring(0, separatorAt + separator.length());
            if (++scanned > maxScanned) {
                return new LevelPage(items, prefixes, below == null ? key : below);
            }
            if (below != null) {
                long count = countLive(below, now, visible);
                if (count > 0) {
                    if (items.size() + prefixes.size() >= limit) {
                        return new LevelPage(items, prefixes, below);
                    }
                    prefixes.add(new LevelPage.PrefixCount(below, count));
                }
                String next = Keys.prefixUpperBound(below);
                if (next == null) {
                    break;
                }
                keys = state.keys.from(next).iterator();
                continue;
            }
            IndexEntry entry = state.index.get(key);
            if (entry == null || !entry.liveAt(now) || !visible.test(key)) {
                continue;
            }
            if (items.size() + prefixes.size() >= limit || valueBytes >= Store.RANGE_PAGE_VALUE_BYTES) {
                return new LevelPage(items, prefixes, key);
            }
            StoredValue item = includeValues ? reader.live(key) : state.withoutData(key, entry);
            if (item != null) {
                items.add(item);
                valueBytes += item.data() == null ? 0 : item.data().length;
            }
        }
        return new LevelPage(items, prefixes, null);
    }

    /** The exclusive end of the keys that start with {@code prefix}, as UTF-8; null when they run to the end. */
    private static byte[] upperBound(String prefix) {
        String bound = Keys.prefixUpperBound(prefix);
        return bound == null ? null : SortedKeys.utf8(bound);
    }

    private long countLive(String prefix, long now, Predicate<String> visible) {
        byte[] end = upperBound(prefix);
        long count = 0;
        for (byte[] keyBytes : state.keys.from(prefix)) {
            if (end != null && Arrays.compareUnsigned(keyBytes, end) >= 0) {
                break;
            }
            String key = new String(keyBytes, StandardCharsets.UTF_8);
            IndexEntry entry = state.index.get(key);
            if (entry != null && entry.liveAt(now) && visible.test(key)) {
                count++;
            }
        }
        return count;
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
