package io.kvs.audit;

/**
 * The outcome of checking the audit log on disk: {@code entries} lines were read; {@code firstBadSeq} is the
 * sequence number expected at the first place where the chain breaks, null when it holds throughout.
 */
public record ChainVerdict(boolean valid, long entries, Long firstBadSeq) {

    static ChainVerdict intact(long entries) {
        return new ChainVerdict(true, entries, null);
    }

    static ChainVerdict brokenAt(long entries, long seq) {
        return new ChainVerdict(false, entries, seq);
    }
}
