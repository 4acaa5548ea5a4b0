package io.kvs.auth.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private static final long NOW = 1_700_000_000_123L;

    private final byte[] key = ClusterSecret.of(ClusterSecret.generate(new SecureRandom())).jwtSigningKey();
    private final TokenIssuer issuer = new TokenIssuer(key, () -> NOW);
    private final UUID user = UUID.randomUUID();

    @Test
    void tokenCarriesExactlyTheKvsClaimsUnderAnHs256Header() throws ParseException {
        SignedToken signed = issuer.issue(user, Set.of(Scope.WRITE, Scope.READ), Duration.ofHours(24));
        SignedJWT jwt = SignedJWT.parse(signed.token());

        assertEquals("HS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals(Set.of("alg", "typ"), jwt.getHeader().getIncludedParams());
        assertEquals(Set.of("sub", "scopes", "iat", "exp", "jti"), jwt.getJWTClaimsSet().getClaims().keySet());
        assertEquals(user.toString(), jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of("read", "write"), jwt.getJWTClaimsSet().getStringListClaim("scopes"));
        assertEquals(signed.claims().jti().toString(), jwt.getJWTClaimsSet().getJWTID());
    }

    @Test
    void datesAreWholeSecondsAndExpiryIsIssuePlusTtl() {
        IssuedToken claims = issuer.issue(user, Set.of(Scope.READ), Duration.ofMinutes(90)).claims();
        assertEquals(1_700_000_000_000L, claims.issuedAt());
        assertEquals(1_700_000_000_000L + 90 * 60_000, claims.expiresAt());
    }

    @Test
    void everyTokenHasItsOwnJti() {
        assertNotEquals(issuer.issue(user, Set.of(Scope.READ), Duration.ofHours(1)).claims().jti(),
                issuer.issue(user, Set.of(Scope.READ), Duration.ofHours(1)).claims().jti());
    }

    @Test
    void ttlMustBePositiveAndBounded() {
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(user, Set.of(Scope.READ), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(user, Set.of(Scope.READ), Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> issuer.issue(user, Set.of(Scope.READ), TokenIssuer.MAX_TTL.plusSeconds(1)));
        assertEquals(NOW / 1000 * 1000 + TokenIssuer.MAX_TTL.toMillis(),
                issuer.issue(user, Set.of(Scope.ADMIN), TokenIssuer.MAX_TTL).claims().expiresAt());
    }

    @Test
    void subSecondTtlStillExpiresAfterIssue() {
        IssuedToken claims = issuer.issue(user, Set.of(Scope.READ), Duration.ofMillis(10)).claims();
        assertTrue(claims.expiresAt() > claims.issuedAt());
    }

    @Test
    void tokenNeedsAScope() {
        assertThrows(IllegalArgumentException.class, () -> issuer.issue(user, Set.of(), Duration.ofHours(1)));
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenIssuer(new byte[16], () -> NOW));
        assertThrows(IllegalArgumentException.class, () -> new TokenVerifier(new byte[16], () -> NOW, j -> false, u -> true));
    }

    @Test
    void signedTokenNeverPrintsItsToken() {
        SignedToken signed = issuer.issue(user, Set.of(Scope.READ), Duration.ofHours(1));
        assertFalse(signed.toString().contains(signed.token().split("\\.")[2]));
    }
}
