/**
 * The data API under {@code /kv/} (SPEC §1, §2): PUT bodies and envelopes, conditional headers, the
 * byte-level response bodies around stored JSON, and the lifecycle of the node's store (open, TTL reaping,
 * background compaction, clean close). The store's files live in {@code data_dir/store}.
 */
package io.kvs.kv;
