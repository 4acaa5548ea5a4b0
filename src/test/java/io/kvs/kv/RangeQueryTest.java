package io.kvs.kv;

import io.kvs.refusals.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RangeQueryTest {

    @Test
    void noParametersListsEverythingAHundredAtATimeWithoutValues() {
        assertEquals(new RangeQuery(null, null, 100, false, "", null), RangeQuery.parse(null, null, null, null, null, null));
    }

    @Test
    void startAndEndKeysBoundTheListing() {
        assertEquals(new RangeQuery("a", "m", 5, true, "", null), RangeQuery.parse("a", "m", null, null, "5", "true"));
    }

    @Test
    void emptyParametersCountAsAbsent() {
        assertEquals(new RangeQuery(null, null, 100, false, "", null), RangeQuery.parse("", "", "", null, null, "false"));
    }

    @Test
    void prefixListsFromThePrefixToItsUpperBound() {
        assertEquals(new RangeQuery("users/", "users0", 100, false, "users/", null),
                RangeQuery.parse(null, null, "users/", null, null, null));
    }

    @Test
    void prefixListingContinuesFromNextStartKey() {
        assertEquals(new RangeQuery("users/k", "users0", 100, false, "users/", null),
                RangeQuery.parse("users/k", null, "users/", null, null, null));
    }

    @Test
    void prefixWithEndKeyIsRejected() {
        assertThrows(InvalidRequestException.class,
                () -> RangeQuery.parse(null, "z", "users/", null, null, null));
    }

    @Test
    void prefixWithStartKeyOutsideThePrefixIsRejected() {
        assertThrows(InvalidRequestException.class,
                () -> RangeQuery.parse("a", null, "users/", null, null, null));
    }

    @Test
    void separatorListsOneLevelUnderThePrefix() {
        assertEquals(new RangeQuery("users/", "users0", 100, false, "users/", "/"),
                RangeQuery.parse(null, null, "users/", "/", null, null));
    }

    @Test
    void separatorWithoutPrefixListsTheTopLevel() {
        assertEquals(new RangeQuery(null, null, 100, false, "", "/"),
                RangeQuery.parse(null, null, null, "/", null, null));
    }

    @Test
    void separatorWithEndKeyOrTooLongIsRejected() {
        assertThrows(InvalidRequestException.class, () -> RangeQuery.parse(null, "z", null, "/", null, null));
        assertThrows(InvalidRequestException.class,
                () -> RangeQuery.parse(null, null, null, "/".repeat(17), null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10000", "0010"})
    void limitFromOneToTenThousandIsAccepted(String limit) {
        assertEquals(Integer.parseInt(limit), RangeQuery.parse(null, null, null, null, limit, null).limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "10001", "abc", "", "1.5", "99999999999", " 5"})
    void limitOutsideOneToTenThousandIsRejected(String limit) {
        assertThrows(InvalidRequestException.class,
                () -> RangeQuery.parse(null, null, null, null, limit, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "TRUE", ""})
    void includeValuesOtherThanTrueOrFalseIsRejected(String includeValues) {
        assertThrows(InvalidRequestException.class,
                () -> RangeQuery.parse(null, null, null, null, null, includeValues));
    }
}
