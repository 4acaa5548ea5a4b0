/**
 * The storage engine: everything kvs keeps on disk for its data, behind {@link io.kvs.storage.Store}.
 *
 * <p>Owns the append log ({@code log/NNNNNNNN.seg}, the truth: every version ever written until compaction
 * reclaims it), the persisted Chronicle Map index ({@code index.cmap}, a cache of where each key's current version
 * lives, rebuilt from the log whenever it cannot be trusted), the clean-shutdown marker, the directory lock that
 * keeps a second process out ({@link io.kvs.storage.StoreLock}), the single group-commit writer thread, crash
 * recovery, revision history, TTL reaping, compaction and value compression; and the one rule that orders versions
 * of a key ({@link io.kvs.storage.VersionOrder}). Plain Java, no container dependencies.
 */
package io.kvs.storage;
