package io.kvs.kv;

import io.kvs.refusals.InvalidRequestException;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What a PUT body asks to store (SPEC §2): an object whose only members are {@code data} and optionally {@code ttl}
 * is an envelope, and {@code data} is stored, byte for byte as the client wrote it; any other JSON value is stored
 * whole, exactly as received. The body is checked to be one well-formed JSON value in UTF-8 with a streaming parser
 * (no tree is built).
 *
 * @param data the JSON to store
 * @param ttl  the envelope's ttl text, or null when the body gave none
 */
record PutBody(byte[] data, String ttl) {

    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());
    private static final String DATA = "data";
    private static final String TTL = "ttl";
    /** Below the parser's own limit (1000), which it reports as a bare RuntimeException. */
    static final int MAX_DEPTH = 500;

    static PutBody parse(byte[] body) {
        String text = utf8(body);
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            PutBody put = read(parser, text, body);
            parser.hasNext(); // throws when anything but whitespace follows the value
            return put;
        } catch (JsonException | NoSuchElementException e) {
            throw new InvalidRequestException(
                    "malformed JSON: " + (text.isBlank() ? "the body is empty" : e.getMessage()));
        }
    }

    private static PutBody read(JsonParser parser, String text, byte[] body) {
        Event first = parser.next();
        if (first != Event.START_OBJECT) {
            consumeValue(parser, first, 0);
            return new PutBody(body, null);
        }
        int members = 0;
        int dataStart = -1;
        int dataEnd = -1;
        Event ttlEvent = null;
        String ttl = null;
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            int nameEnd = (int) parser.getLocation().getStreamOffset();
            Event value = parser.next();
            members++;
            boolean firstData = name.equals(DATA) && dataStart < 0;
            if (firstData) {
                dataStart = valueStart(text, nameEnd);
            }
            if (name.equals(TTL) && ttlEvent == null) {
                ttlEvent = value;
                ttl = value == Event.VALUE_STRING ? parser.getString() : null;
            }
            consumeValue(parser, value, 1);
            if (firstData) {
                dataEnd = (int) parser.getLocation().getStreamOffset();
            }
        }
        boolean hasTtl = ttlEvent != null;
        boolean envelope = dataStart >= 0 && members == (hasTtl ? 2 : 1);
        if (!envelope) {
            return new PutBody(body, null);
        }
        if (hasTtl && ttlEvent != Event.VALUE_STRING) {
            throw new InvalidRequestException("ttl must be a duration string such as \"90s\", \"1h30m\" or \"0\"");
        }
        return new PutBody(text.substring(dataStart, dataEnd).getBytes(StandardCharsets.UTF_8), ttl);
    }

    /**
     * Reads past the rest of a value whose first event was {@code first}, found {@code outerDepth} containers deep,
     * checking every token on the way.
     */
    private static void consumeValue(JsonParser parser, Event first, int outerDepth) {
        if (first != Event.START_OBJECT && first != Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                if (outerDepth + ++depth > MAX_DEPTH) {
                    throw new InvalidRequestException("JSON nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
        }
    }

    /** Where a member's value begins: the parser reports the end of the name, then come the colon and whitespace. */
    private static int valueStart(String text, int nameEnd) {
        int i = text.indexOf(':', nameEnd) + 1;
        while (isJsonWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("the body is not valid UTF-8");
        }
    }
}
