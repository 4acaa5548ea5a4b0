package io.kvs.storage;

import java.util.List;

/** One page of a key-ordered listing; {@code nextStartKey} continues it, null when the listing is complete. */
public record RangePage(List<StoredValue> items, String nextStartKey) {
}
