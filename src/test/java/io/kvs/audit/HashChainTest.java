package io.kvs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private static final AuditEvent PUT = new AuditEvent("user-1", "PUT /kv", "users/john",
            HashChain.sha256Hex("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

    @Test
    void hashIsSha256OfTheFirstEightStoredFields() throws Exception {
        AuditEntry entry = HashChain.link(1, 1_700_000_000_000L, "node-1", PUT, HashChain.GENESIS);
        String line = HashChain.line(entry);
        String hashed = line.substring(0, line.lastIndexOf('\t'));
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(hashed.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, entry.hash());
        assertEquals("1\t1700000000000\tnode-1\tuser-1\tPUT+%2Fkv\tusers%2Fjohn\t" + PUT.valueSha256() + "\t"
                + HashChain.GENESIS, hashed);
    }

    @Test
    void storedLineReadsBackAsTheSameEntry() {
        AuditEvent odd = new AuditEvent("10.0.0.1", "DELETE /kv", "caf\u00e9/\t\n%+ \u4e2d", null);
        AuditEntry entry = HashChain.link(7, 42, "n\u00f6de", odd, "ab".repeat(32));
        String line = HashChain.line(entry);
        assertTrue(line.endsWith("\n"));
        assertEquals(1, line.chars().filter(c -> c == '\n').count());
        assertTrue(line.chars().allMatch(c -> c < 0x80));
        assertEquals(entry, HashChain.parse(line.substring(0, line.length() - 1)));
    }

    @Test
    void emptyAndAbsentFieldsAreTheSame() {
        AuditEntry entry = HashChain.link(1, 1, "n", new AuditEvent("a", "POST /admin/backups", "", null),
                HashChain.GENESIS);
        assertNull(entry.key());
        AuditEntry back = HashChain.parse(HashChain.line(entry).strip());
        assertNull(back.key());
        assertNull(back.valueSha256());
    }

    @Test
    void anyChangedByteMakesTheLineUnreadable() {
        String line = HashChain.line(HashChain.link(3, 99, "node-1", PUT, HashChain.GENESIS)).strip();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char replacement = c == '1' ? '2' : c == '\t' ? ' ' : '1';
            String edited = line.substring(0, i) + replacement + line.substring(i + 1);
            assertThrows(IllegalArgumentException.class, () -> HashChain.parse(edited), "edit at " + i);
        }
    }

    @Test
    void malformedLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HashChain.parse(""));
        assertThrows(IllegalArgumentException.class, () -> HashChain.parse("1\t2\t3"));
        String line = HashChain.line(HashChain.link(1, 1, "n", PUT, HashChain.GENESIS)).strip();
        assertThrows(IllegalArgumentException.class, () -> HashChain.parse(line.substring(0, line.length() / 2)));
        assertThrows(IllegalArgumentException.class, () -> HashChain.parse(line + "\t"));
        assertThrows(IllegalArgumentException.class, () -> HashChain.parse("0" + line));
        assertThrows(IllegalArgumentException.class, () -> HashChain.parse(line.replace("user", "us\u00e9r")));
    }

    @Test
    void eachHashDependsOnThePreviousOne() {
        AuditEntry a = HashChain.link(2, 5, "n", PUT, "11".repeat(32));
        AuditEntry b = HashChain.link(2, 5, "n", PUT, "22".repeat(32));
        assertFalse(a.hash().equals(b.hash()));
    }
}
