package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kvs.web.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    private static ApiException refusal(String json) {
        return assertThrows(ApiException.class, () -> JsonBody.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Set.of("permissions")));
    }

    /** Parsson gives up past its nesting limit with an exception of its own; the client must still get a 400. */
    @ParameterizedTest
    @ValueSource(ints = {1_001, 5_000})
    void bodyNestedPastTheParsersLimitIs400(int depth) {
        String json = "{\"permissions\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertEquals(400, refusal(json).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"permissions\":1,}", "\"text\"", "{\"permissions\":1} trailing"})
    void bodyThatIsNotOneJsonObjectIs400(String json) {
        assertEquals(400, refusal(json).status());
    }
}
