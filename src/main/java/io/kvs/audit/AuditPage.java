package io.kvs.audit;

import java.util.List;

/** Entries after some sequence number, in order; {@code nextSinceSeq} continues the listing, null at the end. */
public record AuditPage(List<AuditEntry> entries, Long nextSinceSeq) {
}
