package io.kvs.kv;

import io.kvs.refusals.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PutBodyTest {

    private static PutBody parse(String body) {
        return PutBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Test
    void plainObjectIsStoredWholeByteForByte() {
        String body = "{ \"name\" : \"John\",\n \"age\": 30 }\n";
        PutBody put = parse(body);
        assertEquals(body, text(put.data()));
        assertNull(put.ttl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"text\"", "true", "null", "[1, {\"a\": 2}]", "-1.5e3", "{}", "[]"})
    void anyJsonValueIsStoredWhole(String body) {
        assertEquals(body, text(parse(body).data()));
    }

    @Test
    void envelopeStoresTheExactTextOfData() {
        PutBody put = parse("{\"data\" :  {\"user_id\": \"john\", \"n\": [1, 2.50]} , \"ttl\": \"1h\"}");
        assertEquals("{\"user_id\": \"john\", \"n\": [1, 2.50]}", text(put.data()));
        assertEquals("1h", put.ttl());
    }

    @Test
    void envelopeWithoutTtlHasNoTtl() {
        PutBody put = parse("{\"data\": 12}");
        assertEquals("12", text(put.data()));
        assertNull(put.ttl());
    }

    @Test
    void envelopeMembersMayComeInAnyOrder() {
        PutBody put = parse("{\"ttl\": \"0\", \"data\": \"x\\u00e9\"}");
        assertEquals("\"x\\u00e9\"", text(put.data()));
        assertEquals("0", put.ttl());
    }

    @Test
    void envelopeDataKeepsEscapesAndNonAsciiAsWritten() {
        PutBody put = parse("{\"data\": \"\uD83D\uDE00 caf\u00e9 \\\"q\\\" \\n\"}");
        assertEquals("\"\uD83D\uDE00 caf\u00e9 \\\"q\\\" \\n\"", text(put.data()));
    }

    @Test
    void envelopeDataSurvivesParserBufferBoundaries() {
        String big = "{\"k\": \"" + "\u00e9\uD83D\uDE00".repeat(20_000) + "\", \"n\": [1, 2, 3]}";
        PutBody put = parse("{\"ttl\": \"" + "1".repeat(10) + "s\",\n\"data\":\n" + big + "\n}");
        assertEquals(big, text(put.data()));
    }

    @Test
    void objectWithDataAndOtherMembersIsStoredWhole() {
        String body = "{\"data\": 1, \"ttl\": \"1h\", \"extra\": true}";
        PutBody put = parse(body);
        assertEquals(body, text(put.data()));
        assertNull(put.ttl());
    }

    @Test
    void objectWithTtlButNoDataIsStoredWhole() {
        String body = "{\"ttl\": \"1h\"}";
        assertEquals(body, text(parse(body).data()));
    }

    @Test
    void repeatedDataMemberIsNotAnEnvelope() {
        String body = "{\"data\": 1, \"data\": 2}";
        assertEquals(body, text(parse(body).data()));
    }

    @Test
    void nestedDataMemberDoesNotMakeAnEnvelope() {
        String body = "{\"outer\": {\"data\": 1}}";
        assertEquals(body, text(parse(body).data()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\": 1, \"ttl\": 60}", "{\"data\": 1, \"ttl\": null}", "{\"data\": 1, \"ttl\": [\"1h\"]}"})
    void envelopeTtlThatIsNotAStringIsRejected(String body) {
        assertThrows(InvalidRequestException.class, () -> parse(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n", "{", "}", "{\"a\":}", "{\"a\" 1}", "[1,]", "nul", "tru", "'x'", "{a: 1}",
            "[1, 2] x", "{} {}", "1 2", "\"unterminated", "{\"a\": 1}}", "01", "NaN", "{\"data\": 1} trailing",
            "{\"data\": {\"a\" 1 2}}", "\uFEFF{}"})
    void malformedJsonIsRejected(String body) {
        assertThrows(InvalidRequestException.class, () -> parse(body));
    }

    @Test
    void deeplyNestedJsonIsRejected() {
        String body = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(InvalidRequestException.class, () -> parse(body));
        String inEnvelope = "{\"data\": " + "[".repeat(PutBody.MAX_DEPTH) + "]".repeat(PutBody.MAX_DEPTH) + "}";
        assertThrows(InvalidRequestException.class, () -> parse(inEnvelope));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String body = "[".repeat(PutBody.MAX_DEPTH) + "]".repeat(PutBody.MAX_DEPTH);
        assertEquals(body, text(parse(body).data()));
        String data = "[".repeat(PutBody.MAX_DEPTH - 1) + "]".repeat(PutBody.MAX_DEPTH - 1);
        assertEquals(data, text(parse("{\"data\": " + data + "}").data()));
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] body = {'"', (byte) 0xC3, (byte) 0x28, '"'};
        assertThrows(InvalidRequestException.class, () -> PutBody.parse(body));
    }
}
