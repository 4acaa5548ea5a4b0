package io.kvs.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeysTest {

    @Test
    void hierarchicalKeyIsAcceptedAsIs() {
        assertEquals("users/john/profile", Keys.parse("users/john/profile"));
    }

    @Test
    void percentEncodedBytesAreDecodedAsUtf8() {
        assertEquals("caf\u00e9/a b", Keys.parse("caf%C3%A9/a%20b"));
    }

    @Test
    void unencodedNonAsciiIsTakenWholeIncludingSurrogatePairs() {
        assertEquals("\uD83D\uDE00/\u00fc", Keys.parse("\uD83D\uDE00/\u00fc"));
    }

    @Test
    void encodedSlashInsideSegmentIsRejectedInEitherCase() {
        assertThrows(InvalidKeyException.class, () -> Keys.parse("a%2Fb"));
        assertThrows(InvalidKeyException.class, () -> Keys.parse("a%2fb"));
    }

    @Test
    void doubleEncodedSlashIsAnOrdinaryPercentSign() {
        assertEquals("a%2Fb", Keys.parse("a%252Fb"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "a/", "a//b", "/", "//"})
    void emptySegmentsAreRejected(String raw) {
        assertThrows(InvalidKeyException.class, () -> Keys.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "a/./b", "a/../b", "a/..", "%2E%2E/a", "a/%2e"})
    void dotSegmentsAreRejectedEvenWhenEncoded(String raw) {
        assertThrows(InvalidKeyException.class, () -> Keys.parse(raw));
    }

    @Test
    void dotsInsideSegmentsAreFine() {
        assertEquals("a.b/...", Keys.parse("a.b/..."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%00b", "a%0Ab", "a%0d", "a%1F", "a%7F", "a\tb"})
    void controlCharactersAreRejected(String raw) {
        assertThrows(InvalidKeyException.class, () -> Keys.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a%", "a%4", "a%zz", "%G0"})
    void malformedPercentEncodingIsRejected(String raw) {
        assertThrows(InvalidKeyException.class, () -> Keys.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF", "%C3", "%C3%28", "%ED%A0%80"})
    void invalidUtf8IsRejected(String raw) {
        assertThrows(InvalidKeyException.class, () -> Keys.parse(raw));
    }

    @Test
    void emptyKeyIsRejected() {
        assertThrows(InvalidKeyException.class, () -> Keys.parse(""));
    }

    @Test
    void keyOfExactly1024BytesIsAccepted() {
        String key = "a".repeat(1022) + "%C3%A9";
        assertEquals(1024, Keys.parse(key).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void keyOver1024BytesAfterDecodingIsRejected() {
        assertThrows(InvalidKeyException.class, () -> Keys.parse("a".repeat(1023) + "%C3%A9"));
        assertThrows(InvalidKeyException.class, () -> Keys.parse("b".repeat(1025)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_range", "_x/y", "_", "%5Fhidden"})
    void firstSegmentStartingWithUnderscoreIsReserved(String raw) {
        assertThrows(InvalidKeyException.class, () -> Keys.parse(raw));
    }

    @Test
    void underscoreLaterInTheKeyIsFine() {
        assertEquals("a/_b", Keys.parse("a/_b"));
        assertEquals("a_b", Keys.parse("a_b"));
    }

    @Test
    void keysAreCaseSensitiveAndKeepSemicolonsAndPlus() {
        assertEquals("A;b=c+d", Keys.parse("A;b=c+d"));
    }

    @Test
    void reservedKeysAreRecognised() {
        assertTrue(Keys.isReserved("_auth/users"));
        assertFalse(Keys.isReserved("users/_x"));
    }

    @Test
    void prefixUpperBoundIncrementsTheLastCodePoint() {
        assertEquals("users0", Keys.prefixUpperBound("users/"));
        assertEquals("b", Keys.prefixUpperBound("a"));
    }

    @Test
    void prefixUpperBoundDropsTrailingMaximalCodePoints() {
        assertEquals("b", Keys.prefixUpperBound("a" + Character.toString(Character.MAX_CODE_POINT)));
        assertNull(Keys.prefixUpperBound(Character.toString(Character.MAX_CODE_POINT)));
    }

    @Test
    void prefixUpperBoundStepsOverSurrogates() {
        assertEquals("x\uE000", Keys.prefixUpperBound("x\uD7FF"));
    }

    @Test
    void prefixUpperBoundCrossesIntoSupplementaryPlanes() {
        assertEquals("\uD800\uDC00", Keys.prefixUpperBound("\uFFFF"));
        assertEquals("\uD83D\uDE01", Keys.prefixUpperBound("\uD83D\uDE00"));
    }

    @Test
    void prefixUpperBoundOfEmptyPrefixIsUnbounded() {
        assertNull(Keys.prefixUpperBound(""));
    }

    @Test
    void everyKeyWithThePrefixSortsBelowTheBoundInUtf8ByteOrder() {
        String prefix = "caf\u00e9/";
        byte[] bound = Keys.prefixUpperBound(prefix).getBytes(StandardCharsets.UTF_8);
        for (String key : new String[]{prefix, prefix + "\uFFFF", prefix + "\uD83D\uDE00", prefix + "zzz"}) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertTrue(Arrays.compareUnsigned(bytes, bound) < 0, key);
        }
        byte[] after = "caf\u00e90".getBytes(StandardCharsets.UTF_8);
        assertTrue(Arrays.compareUnsigned(after, bound) >= 0);
    }
}
