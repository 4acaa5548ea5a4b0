package io.kvs.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kv/users/john | kv/users/john | kv      | users/john | true",
            "/kv/a         | kv/a          | kv      | a          | true",
            "kv/           | kv/           | kv      | ''         | true",
            "health        | health        | health  | ''         | false",
            "/members/     | members/      | members | ''         | true",
            "''            | ''            | ''      | ''         | false"})
    void splitsOnceIntoAreaAndRest(String decoded, String path, String area, String rest, boolean slash) {
        RequestPath split = RequestPath.of(decoded);
        assertEquals(new RequestPath(path, area, rest), split);
        assertEquals(slash, split.hasSlash());
    }
}
