package io.kvs.keys;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of a raw request path or key (RFC 3986): strict, so a malformed escape or bytes that are not
 * UTF-8 are refused rather than guessed at. Unlike {@code URLDecoder}, a {@code +} stays a plus.
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /** The raw text decoded to UTF-8 text; {@code what} names it in the error ("key", "path"). */
    public static String decode(String raw, String what) {
        return utf8(bytes(raw, what), what);
    }

    static byte[] bytes(String raw, String what) {
        ByteBuffer out = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw new InvalidKeyException("malformed percent-encoding in the " + what);
                }
                out.put((byte) (high << 4 | low));
                i += 2;
            } else if (c < 0x80) {
                out.put((byte) c);
            } else {
                // Non-ASCII arriving unencoded: take the whole code point, a surrogate pair included.
                int codePoint = raw.codePointAt(i);
                out.put(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidKeyException("the " + what + " is not valid UTF-8 once percent-decoded");
        }
    }
}
