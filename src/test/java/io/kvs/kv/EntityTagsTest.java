package io.kvs.kv;

import io.kvs.refusals.InvalidRequestException;
import io.kvs.storage.Precondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntityTagsTest {

    private static final UUID LIVE = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void tagIsTheQuotedUuid() {
        assertEquals("\"0f8fad5b-d9cb-469f-a165-70867728950e\"", EntityTags.of(LIVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0f8fad5b-d9cb-469f-a165-70867728950e\"", "*", "W/\"0f8fad5b-d9cb-469f-a165-70867728950e\"",
            "\"other\", \"0f8fad5b-d9cb-469f-a165-70867728950e\"", "\"0F8FAD5B-D9CB-469F-A165-70867728950E\""})
    void ifNoneMatchNamingTheLiveVersionMatches(String header) {
        assertTrue(EntityTags.noneMatch(header, LIVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"7c9e6679-7425-40de-944b-e07fc1f90ae7\"", "garbage", "", "\"\"", ","})
    void ifNoneMatchNamingAnythingElseDoesNotMatch(String header) {
        assertFalse(EntityTags.noneMatch(header, LIVE));
    }

    @Test
    void noConditionalHeaderMeansNoPrecondition() {
        assertSame(Precondition.NONE, EntityTags.forWrite(null, null));
    }

    @Test
    void ifMatchWithQuotedUuidRequiresThatVersion() {
        assertEquals(new Precondition.Matches(LIVE), EntityTags.forWrite(" \"" + LIVE + "\" ", null));
    }

    @Test
    void ifMatchWithBareUuidIsAcceptedToo() {
        assertEquals(new Precondition.Matches(LIVE), EntityTags.forWrite(LIVE.toString(), null));
    }

    @Test
    void ifNoneMatchStarRequiresNoLiveValue() {
        assertSame(Precondition.ABSENT, EntityTags.forWrite(null, "*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " , "})
    void anEmptyIfMatchIsRejected(String header) {
        assertThrows(InvalidRequestException.class, () -> EntityTags.forWrite(header, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "\"1-1-1-1-1\"", "\"\"", "W/\"" + "0f8fad5b-d9cb-469f-a165-70867728950e\"",
            "\"wrong\", W/\"0f8fad5b-d9cb-469f-a165-70867728950e\""})
    void anIfMatchNamingNoVersionNeverHolds(String header) {
        Precondition precondition = EntityTags.forWrite(header, null);
        assertFalse(precondition.holdsForLive(LIVE));
        assertFalse(precondition.holdsForAbsent());
    }

    @Test
    void anIfMatchListHoldsForAnyOfItsVersionsAndStarForAnyLiveOne() {
        UUID other = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        Precondition listed = EntityTags.forWrite("\"" + other + "\", \"" + LIVE + "\", \"junk\"", null);
        assertEquals(new Precondition.MatchesAny(Set.of(other, LIVE)), listed);
        assertTrue(listed.holdsForLive(LIVE));
        assertFalse(listed.holdsForLive(UUID.randomUUID()));
        Precondition star = EntityTags.forWrite(" * ", null);
        assertSame(Precondition.EXISTS, star);
        assertTrue(star.holdsForLive(UUID.randomUUID()));
        assertFalse(star.holdsForAbsent());
    }

    @Test
    void ifNoneMatchWithATagOnAWriteIsRejected() {
        assertThrows(InvalidRequestException.class,
                () -> EntityTags.forWrite(null, EntityTags.of(LIVE)));
    }

    @Test
    void bothConditionalHeadersOnAWriteAreRejected() {
        assertThrows(InvalidRequestException.class,
                () -> EntityTags.forWrite(EntityTags.of(LIVE), "*"));
    }
}
