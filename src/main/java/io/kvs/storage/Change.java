package io.kvs.storage;

/**
 * One version this node made current, as the change feed reports it.
 *
 * @param sequence where the version's record starts in this node's log ({@link ChangeFeed}): strictly increasing in
 *                 the order the node applied its changes, and the same after a restart
 * @param value    the version, with its data unless it is a tombstone
 * @param expired  the tombstone of a reaped expiry (this node's reaper or a peer's) rather than a delete
 */
public record Change(long sequence, StoredValue value, boolean expired) {
}
