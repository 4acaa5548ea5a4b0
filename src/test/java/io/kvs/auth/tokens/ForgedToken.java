package io.kvs.auth.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds compact JWS strings from raw header and payload JSON, so tests can forge what no library would emit. */
public final class ForgedToken {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private ForgedToken() {
    }

    public static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    /** header.payload.HMAC-SHA256(key, header.payload) */
    public static String hs256(String headerJson, String payloadJson, byte[] key) {
        String signingInput = encode(headerJson) + "." + encode(payloadJson);
        return signingInput + "." + B64.encodeToString(hmac(key, signingInput));
    }

    /** Claims JSON as kvs issues them, with the given values inserted verbatim. */
    public static String claims(String sub, String scopesJson, long iatSeconds, long expSeconds, String jti) {
        return "{\"sub\":\"" + sub + "\",\"scopes\":" + scopesJson + ",\"iat\":" + iatSeconds + ",\"exp\":" + expSeconds
                + ",\"jti\":\"" + jti + "\"}";
    }

    private static byte[] hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
