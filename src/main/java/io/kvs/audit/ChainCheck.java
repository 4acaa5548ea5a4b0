package io.kvs.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One pass over the audit file that finds the first place where the chain breaks: a line that is not a
 * well-formed entry or whose hash does not cover its bytes (edited, garbled, truncated), a sequence number or
 * prev_hash that does not follow the entry before (deleted, reordered or inserted entries), or an end that is not
 * the head the running log knows (newest entries removed, or entries added that the node never wrote).
 * Entries appended while the check runs are accepted as long as they continue the chain.
 */
final class ChainCheck {

    private long expectedSeq = 1;
    private String prevHash = HashChain.GENESIS;
    private long entries;
    private Long firstBad;

    private ChainCheck() {
    }

    static ChainVerdict run(Path file, Supplier<AuditLog.Head> head) throws IOException {
        AuditLog.Head before = head.get();
        ChainCheck check = new ChainCheck();
        try (LineScanner lines = new LineScanner(file, 0)) {
            for (String text = lines.next(); text != null; text = lines.next()) {
                check.accept(lines.overlong() ? null : text, before);
            }
            long partialTail = lines.partialTailOffset();
            if (partialTail >= 0 && partialTail < before.length()) {
                check.breakHere();
            }
        }
        check.compareEnd(before, head.get());
        return check.firstBad == null
                ? ChainVerdict.intact(check.entries)
                : ChainVerdict.brokenAt(check.entries, check.firstBad);
    }

    private void accept(String text, AuditLog.Head before) {
        entries++;
        if (firstBad != null) {
            return;
        }
        AuditEntry entry;
        try {
            entry = text == null ? null : HashChain.parse(text);
        } catch (IllegalArgumentException garbled) {
            entry = null;
        }
        if (entry == null || entry.seq() != expectedSeq || !entry.prevHash().equals(prevHash)
                || (entry.seq() == before.seq() && !entry.hash().equals(before.hash()))) {
            breakHere();
            return;
        }
        prevHash = entry.hash();
        expectedSeq++;
    }

    private void compareEnd(AuditLog.Head before, AuditLog.Head after) {
        if (firstBad != null) {
            return;
        }
        long last = expectedSeq - 1;
        if (last < before.seq()) {
            firstBad = last + 1;
        } else if (last > after.seq()) {
            firstBad = after.seq() + 1;
        } else if (last == after.seq() && !prevHash.equals(after.hash())) {
            firstBad = last;
        }
    }

    private void breakHere() {
        if (firstBad == null) {
            firstBad = expectedSeq;
        }
    }
}
