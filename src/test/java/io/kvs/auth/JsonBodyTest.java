package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kvs.refusals.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    private static InvalidRequestException refusal(String json) {
        return assertThrows(InvalidRequestException.class, () -> JsonBody.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Set.of("permissions")));
    }

    /** Parsson gives up past its nesting limit with an exception of its own; the client must still get a 400. */
    @ParameterizedTest
    @ValueSource(ints = {1_001, 5_000})
    void bodyNestedPastTheParsersLimitIs400(int depth) {
        String json = "{\"permissions\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        refusal(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"permissions\":1,}", "\"text\"", "{\"permissions\":1} trailing"})
    void bodyThatIsNotOneJsonObjectIs400(String json) {
        refusal(json);
    }
}
