package io.kvs.auth.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/** Signs HS256 JWTs carrying exactly {@code sub}, {@code scopes}, {@code iat}, {@code exp} and {@code jti}. */
public final class TokenIssuer {

    /** Tokens cannot outlive this; it also bounds how long a revocation must be remembered. */
    public static final Duration MAX_TTL = Duration.ofDays(3650);

    static final String SCOPES_CLAIM = "scopes";

    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final MACSigner signer;
    private final LongSupplier clock;

    /**
     * @param signingKey {@link ClusterSecret#jwtSigningKey()}
     * @param clock      Unix ms
     */
    public TokenIssuer(byte[] signingKey, LongSupplier clock) {
        try {
            this.signer = new MACSigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT signing key must be at least 256 bits", e);
        }
        this.clock = clock;
    }

    /** Issues a token for {@code user}; {@code ttl} must be positive and at most {@link #MAX_TTL}. */
    public SignedToken issue(UUID user, Set<Scope> scopes, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("token ttl must be between 1s and " + MAX_TTL.toDays() + "d");
        }
        // JWT dates are whole seconds: round here so that expires_at reported to the client is the real expiry.
        long issuedAt = clock.getAsLong() / 1000 * 1000;
        long expiresAt = Math.max(issuedAt + 1000, (issuedAt + ttl.toMillis()) / 1000 * 1000);
        IssuedToken claims = new IssuedToken(UUID.randomUUID(), user, scopes, issuedAt, expiresAt);
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .subject(user.toString())
                .claim(SCOPES_CLAIM, claims.scopes().stream().sorted().map(Scope::wireName).toList())
                .issueTime(new Date(issuedAt))
                .expirationTime(new Date(expiresAt))
                .jwtID(claims.jti().toString())
                .build();
        SignedJWT jwt = new SignedJWT(HEADER, set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return new SignedToken(jwt.serialize(), claims);
    }

    /** The claim names every kvs token carries, and the only ones a verifier accepts. */
    static List<String> claimNames() {
        return List.of("sub", SCOPES_CLAIM, "iat", "exp", "jti");
    }
}
