package io.kvs.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keys by expiry time, so the reaper finds what expired without scanning the index. Filled when a version with an
 * expiry becomes current and on open; an entry may be stale (the key was overwritten), the reaper checks the index.
 */
final class ExpiryQueue {

    record Expiry(long expiresAt, String key) {
    }

    private final PriorityQueue<Expiry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAt, b.expiresAt));

    synchronized void add(long expiresAt, String key) {
        queue.add(new Expiry(expiresAt, key));
    }

    /** Removes and returns up to {@code max} entries due at {@code nowMillis}, earliest first. */
    synchronized List<Expiry> pollDue(long nowMillis, int max) {
        List<Expiry> due = new ArrayList<>();
        while (due.size() < max && !queue.isEmpty() && queue.peek().expiresAt <= nowMillis) {
            due.add(queue.poll());
        }
        return due;
    }
}
