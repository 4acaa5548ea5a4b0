package io.kvs.auth.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

    private static final long NOW = 1_700_000_000_000L;

    private final AtomicLong clock = new AtomicLong(NOW);
    private final byte[] key = ClusterSecret.of(ClusterSecret.generate(new SecureRandom())).jwtSigningKey();
    private final UUID alice = UUID.randomUUID();
    private final Set<UUID> liveUsers = new HashSet<>(Set.of(alice));
    private final Set<UUID> revoked = new HashSet<>();
    private final TokenIssuer issuer = new TokenIssuer(key, clock::get);
    private final TokenVerifier verifier = new TokenVerifier(key, clock::get, revoked::contains, liveUsers::contains);

    private SignedToken issue(Scope... scopes) {
        return issuer.issue(alice, EnumSet.of(scopes[0], scopes), Duration.ofHours(1));
    }

    private String refusal(String token) {
        return assertThrows(InvalidTokenException.class, () -> verifier.verify(token)).getMessage();
    }

    private String validClaims() {
        return ForgedToken.claims(alice.toString(), "[\"read\"]", NOW / 1000, NOW / 1000 + 3600,
                UUID.randomUUID().toString());
    }

    @Test
    void issuedTokenVerifiesWithItsClaims() throws InvalidTokenException {
        SignedToken signed = issue(Scope.READ, Scope.WRITE);

        IssuedToken claims = verifier.verify(signed.token());

        assertEquals(signed.claims(), claims);
        assertEquals(alice, claims.userUuid());
        assertEquals(Set.of(Scope.READ, Scope.WRITE), claims.scopes());
        assertEquals(NOW, claims.issuedAt());
        assertEquals(NOW + 3_600_000, claims.expiresAt());
    }

    @Test
    void tokenFromAnotherNodeWithTheSameSecretVerifies() throws InvalidTokenException {
        String secret = ClusterSecret.generate(new SecureRandom());
        TokenIssuer nodeA = new TokenIssuer(ClusterSecret.of(secret).jwtSigningKey(), clock::get);
        TokenVerifier nodeB = new TokenVerifier(ClusterSecret.of(secret).jwtSigningKey(), clock::get, j -> false, u -> true);

        assertEquals(alice, nodeB.verify(nodeA.issue(alice, Set.of(Scope.READ), Duration.ofMinutes(5)).token()).userUuid());
    }

    @Test
    void algNoneIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(alice.toString()).build();
        assertEquals("malformed token", refusal(new PlainJWT(claims).serialize()));
    }

    @Test
    void algNoneWithAValidLookingSignatureIsRefused() {
        String[] parts = issue(Scope.ADMIN).token().split("\\.");
        String forged = ForgedToken.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];
        assertEquals("malformed token", refusal(forged));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS384", "HS512"})
    void otherHmacAlgorithmsAreRefusedEvenWithTheRightKey(String alg) throws JOSEException {
        byte[] longKey = new byte[64];
        System.arraycopy(key, 0, longKey, 0, key.length);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.parse(alg)),
                new JWTClaimsSet.Builder().subject(alice.toString()).build());
        jwt.sign(new MACSigner(longKey));
        assertEquals("token algorithm must be HS256", refusal(jwt.serialize()));
    }

    @Test
    void rs256IsRefused() throws JOSEException {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(rsa.toPublicJWK()).build(),
                new JWTClaimsSet.Builder().subject(alice.toString()).build());
        jwt.sign(new RSASSASigner(rsa));
        assertEquals("token algorithm must be HS256", refusal(jwt.serialize()));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        byte[] otherKey = ClusterSecret.of(ClusterSecret.generate(new SecureRandom())).jwtSigningKey();
        String token = new TokenIssuer(otherKey, clock::get).issue(alice, Set.of(Scope.ADMIN), Duration.ofHours(1)).token();
        assertEquals("bad token signature", refusal(token));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = issue(Scope.READ).token().split("\\.");
        String escalated = ForgedToken.decode(parts[1]).replace("[\"read\"]", "[\"admin\",\"read\"]");
        assertTrue(escalated.contains("admin"));
        assertEquals("bad token signature", refusal(parts[0] + "." + ForgedToken.encode(escalated) + "." + parts[2]));
    }

    @Test
    void tamperedHeaderIsRefused() {
        String[] parts = issue(Scope.READ).token().split("\\.");
        String header = ForgedToken.encode(ForgedToken.decode(parts[0]).replace(",", " , "));
        assertEquals("bad token signature", refusal(header + "." + parts[1] + "." + parts[2]));
    }

    @Test
    void truncatedSignatureIsRefused() {
        String token = issue(Scope.READ).token();
        assertEquals("bad token signature", refusal(token.substring(0, token.length() - 2)));
    }

    @Test
    void expiredTokenIsRefusedFromTheSecondItExpires() throws InvalidTokenException {
        SignedToken token = issuer.issue(alice, Set.of(Scope.READ), Duration.ofSeconds(1));
        clock.set(NOW + 999);
        verifier.verify(token.token());
        clock.set(NOW + 1000);
        assertEquals("token expired", refusal(token.token()));
    }

    @Test
    void revokedTokenIsRefused() throws InvalidTokenException {
        SignedToken token = issue(Scope.READ);
        verifier.verify(token.token());
        revoked.add(token.claims().jti());
        assertEquals("token revoked", refusal(token.token()));
    }

    @Test
    void tokenOfADeletedUserIsRefused() {
        SignedToken token = issue(Scope.ADMIN);
        liveUsers.remove(alice);
        assertEquals("token user no longer exists", refusal(token.token()));
    }

    @Test
    void verifiedTokenOfAUserDeletedSinceIsRefused() throws InvalidTokenException {
        SignedToken token = issue(Scope.READ);
        verifier.verify(token.token());
        liveUsers.remove(alice);
        assertEquals("token user no longer exists", refusal(token.token()));
    }

    @Test
    void aRememberedTokenDoesNotVouchForAnAlteredCopy() throws InvalidTokenException {
        String token = issue(Scope.READ).token();
        verifier.verify(token);
        int inSignature = token.length() - 10;
        char flipped = token.charAt(inSignature) == 'A' ? 'B' : 'A';
        String altered = token.substring(0, inSignature) + flipped + token.substring(inSignature + 1);
        assertEquals("bad token signature", refusal(altered));
    }

    @Test
    void anExpiredTokenIsForgotten() throws InvalidTokenException {
        SignedToken token = issuer.issue(alice, Set.of(Scope.READ), Duration.ofSeconds(1));
        verifier.verify(token.token());
        assertEquals(1, verifier.cachedTokens());
        clock.set(NOW + 1000);
        refusal(token.token());
        assertEquals(0, verifier.cachedTokens());
    }

    @Test
    void rememberedTokensStayWithinTheCapacity() throws InvalidTokenException {
        for (int i = 0; i < TokenVerifier.CACHE_CAPACITY + 10; i++) {
            verifier.verify(issue(Scope.READ).token());
        }
        assertTrue(verifier.cachedTokens() <= TokenVerifier.CACHE_CAPACITY, "cached " + verifier.cachedTokens());
    }

    @Test
    void tokenIssuedInTheFutureBeyondTheSkewIsRefused() {
        SignedToken token = issuer.issue(alice, Set.of(Scope.READ), Duration.ofHours(1));
        clock.set(NOW - TokenVerifier.IAT_SKEW_MS - 1000);
        assertEquals("token issued in the future", refusal(token.token()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c", "a.b.c.d.e", "....", "eyJ.eyJ.sig", "\u00e9.\u00e9.\u00e9"})
    void malformedTokensAreRefused(String token) {
        assertEquals("malformed token", refusal(token));
    }

    @Test
    void overlongTokenIsRefusedBeforeParsing() {
        assertEquals("malformed token", refusal("a".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1)));
    }

    @Test
    void nullTokenIsRefused() {
        assertEquals("malformed token", refusal(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"alg\":\"HS256\",\"kid\":\"k1\"}",
        "{\"alg\":\"HS256\",\"jku\":\"https://evil.example/keys\"}",
        "{\"alg\":\"HS256\",\"x5u\":\"https://evil.example/cert\"}",
        "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
        "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}",
        "{\"alg\":\"HS256\",\"cty\":\"JWT\"}"})
    void headerParametersBeyondAlgAndTypAreRefused(String header) {
        assertEquals("token header may only contain alg and typ", refusal(ForgedToken.hs256(header, validClaims(), key)));
    }

    @Test
    void headerCarryingAPublicKeyIsRefused() throws JOSEException {
        String header = "{\"alg\":\"HS256\",\"jwk\":" + new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONString() + "}";
        assertEquals("token header may only contain alg and typ", refusal(ForgedToken.hs256(header, validClaims(), key)));
    }

    @Test
    void headerCarryingTheAttackersOwnKeyIsRefused() throws JOSEException {
        OctetSequenceKey attackerKey = new OctetSequenceKeyGenerator(256).generate();
        String header = "{\"alg\":\"HS256\",\"jwk\":" + attackerKey.toJSONString() + "}";
        // Nimbus already refuses a secret key in a header while parsing; the header allow-list would refuse it next.
        String reason = refusal(ForgedToken.hs256(header, validClaims(), attackerKey.toByteArray()));
        assertTrue(Set.of("malformed token", "token header may only contain alg and typ").contains(reason), reason);
    }

    @Test
    void typOtherThanJwtIsRefused() {
        assertEquals("token type must be JWT",
                refusal(ForgedToken.hs256("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", validClaims(), key)));
    }

    @Test
    void correctlySignedForgeryWithKvsClaimsIsAccepted() throws InvalidTokenException {
        // Guards the forging helper itself: the refusals below are about the claims, not about the helper.
        assertEquals(alice, verifier.verify(ForgedToken.hs256("{\"alg\":\"HS256\"}", validClaims(), key)).userUuid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "scopes", "iat", "exp", "jti"})
    void tokenMissingAClaimIsRefused(String claim) {
        String claims = validClaims().replaceFirst("\"" + claim + "\":(\"[^\"]*\"|\\[[^]]*]|\\d+),?", "")
                .replace(",}", "}");
        assertFalse(claims.contains("\"" + claim + "\""), claims);
        String reason = refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key));
        assertEquals("token claims must be exactly sub, scopes, iat, exp, jti", reason);
    }

    @Test
    void tokenWithAnExtraClaimIsRefused() {
        String claims = validClaims().replace("}", ",\"aud\":\"kvs\"}");
        assertEquals("token claims must be exactly sub, scopes, iat, exp, jti",
                refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key)));
    }

    @Test
    void unknownScopeIsRefused() {
        String claims = ForgedToken.claims(alice.toString(), "[\"read\",\"root\"]", NOW / 1000, NOW / 1000 + 60,
                UUID.randomUUID().toString());
        assertTrue(refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key)).startsWith("token unknown scope: root"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"read write\"", "[1]", "[null]", "{\"read\":true}"})
    void malformedScopesAreRefused(String scopes) {
        String claims = ForgedToken.claims(alice.toString(), scopes, NOW / 1000, NOW / 1000 + 60,
                UUID.randomUUID().toString());
        String reason = refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key));
        assertTrue(reason.startsWith("token ") || reason.equals("malformed token claims"), reason);
    }

    @Test
    void subjectThatIsNotACanonicalUuidIsRefused() {
        String claims = ForgedToken.claims(alice.toString().toUpperCase(), "[\"read\"]", NOW / 1000, NOW / 1000 + 60,
                UUID.randomUUID().toString());
        assertEquals("token sub must be a user uuid", refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key)));
    }

    @Test
    void jtiThatIsNotAUuidIsRefused() {
        String claims = ForgedToken.claims(alice.toString(), "[\"read\"]", NOW / 1000, NOW / 1000 + 60, "../../x");
        assertEquals("token jti must be a uuid", refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key)));
    }

    @Test
    void expiryBeforeIssueIsRefused() {
        String claims = ForgedToken.claims(alice.toString(), "[\"read\"]", NOW / 1000 + 600, NOW / 1000 + 60,
                UUID.randomUUID().toString());
        assertEquals("token iat and exp must be dates, iat before exp",
                refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key)));
    }

    @Test
    void nonNumericExpiryIsRefused() {
        String claims = validClaims().replaceFirst("\"exp\":\\d+", "\"exp\":\"tomorrow\"");
        String reason = refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", claims, key));
        assertTrue(reason.equals("malformed token claims") || reason.startsWith("token iat and exp"), reason);
    }

    @Test
    void payloadThatIsNotAJsonObjectIsRefused() {
        assertEquals("malformed token claims", refusal(ForgedToken.hs256("{\"alg\":\"HS256\"}", "[1,2]", key)));
    }

    @Test
    void refusalReasonsNeverEchoTheToken() {
        String token = issue(Scope.READ).token();
        revoked.add(verifierClaims(token).jti());
        String reason = refusal(token);
        for (String part : token.split("\\.")) {
            assertFalse(reason.contains(part), reason);
        }
    }

    private IssuedToken verifierClaims(String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw new AssertionError(e);
        }
    }
}
