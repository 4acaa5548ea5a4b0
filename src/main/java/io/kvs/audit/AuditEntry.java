package io.kvs.audit;

/**
 * One link of the audit hash chain. {@code hash} covers every other field and {@code prevHash}, so changing,
 * removing or reordering any entry breaks the link to the next one. {@code key} and {@code valueSha256} are null
 * when the event had none. The exact byte form that is hashed is defined in {@link HashChain}.
 */
public record AuditEntry(long seq, long timestamp, String nodeId, String actor, String action, String key,
                         String valueSha256, String prevHash, String hash) {
}
