package io.kvs.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Verifies tokens strictly: only what {@link TokenIssuer} produces is accepted. The header must be exactly
 * {@code alg: HS256} (and optionally {@code typ: JWT}): no {@code none}, no other HMAC or public-key algorithm, no
 * {@code crit}, {@code kid}, {@code jku}, {@code jwk}, {@code x5u}, {@code x5c} or {@code b64}, so nothing in a token
 * can steer which key or algorithm checks it. The signature is checked before any claim is trusted. The claims must
 * be exactly sub, scopes, iat, exp, jti, well-formed; the token must not be expired or revoked, and its user must
 * still exist (deleting a user kills their tokens).
 */
public final class TokenVerifier {

    /** Longer inputs are refused before parsing; a kvs token is a few hundred characters. */
    static final int MAX_TOKEN_LENGTH = 4096;

    /** Tolerated clock skew for {@code iat} between the issuing node and this one. Expiry has none. */
    static final long IAT_SKEW_MS = 60_000;

    private static final Set<String> HEADER_PARAMS = Set.of("alg", "typ");
    private static final Set<String> CLAIM_NAMES = Set.copyOf(TokenIssuer.claimNames());

    private final MACVerifier verifier;
    private final LongSupplier clock;
    private final Predicate<UUID> isRevoked;
    private final Predicate<UUID> isLiveUser;

    /**
     * @param signingKey {@link ClusterSecret#jwtSigningKey()}
     * @param clock      Unix ms
     * @param isRevoked  whether a jti has been revoked
     * @param isLiveUser whether a user uuid names an existing user
     */
    public TokenVerifier(byte[] signingKey, LongSupplier clock, Predicate<UUID> isRevoked, Predicate<UUID> isLiveUser) {
        try {
            this.verifier = new MACVerifier(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT signing key must be at least 256 bits", e);
        }
        this.clock = clock;
        this.isRevoked = isRevoked;
        this.isLiveUser = isLiveUser;
    }

    /** The claims of a valid token; any defect throws with a reason safe to show the client. */
    public IssuedToken verify(String token) throws InvalidTokenException {
        SignedJWT jwt = parse(token);
        checkHeader(jwt.getHeader());
        checkSignature(jwt);
        IssuedToken claims = claimsOf(jwt);
        long now = clock.getAsLong();
        if (claims.expiresAt() <= now) {
            throw new InvalidTokenException("token expired");
        }
        if (claims.issuedAt() > now + IAT_SKEW_MS) {
            throw new InvalidTokenException("token issued in the future");
        }
        if (isRevoked.test(claims.jti())) {
            throw new InvalidTokenException("token revoked");
        }
        if (!isLiveUser.test(claims.userUuid())) {
            throw new InvalidTokenException("token user no longer exists");
        }
        return claims;
    }

    private static SignedJWT parse(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("malformed token");
        }
        try {
            // Only a JWS parses here: an unsecured (alg none) or encrypted JWT is a ParseException.
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    private static void checkHeader(JWSHeader header) throws InvalidTokenException {
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("token algorithm must be HS256");
        }
        if (!HEADER_PARAMS.containsAll(header.getIncludedParams())) {
            throw new InvalidTokenException("token header may only contain alg and typ");
        }
        if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
            throw new InvalidTokenException("token type must be JWT");
        }
    }

    private void checkSignature(SignedJWT jwt) throws InvalidTokenException {
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidTokenException("bad token signature");
        }
    }

    private static IssuedToken claimsOf(SignedJWT jwt) throws InvalidTokenException {
        JWTClaimsSet set;
        List<String> scopeNames;
        try {
            set = jwt.getJWTClaimsSet();
            scopeNames = set.getStringListClaim(TokenIssuer.SCOPES_CLAIM);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token claims");
        }
        if (!CLAIM_NAMES.equals(set.getClaims().keySet())) {
            throw new InvalidTokenException("token claims must be exactly sub, scopes, iat, exp, jti");
        }
        UUID user = Uuids.parseCanonical(set.getSubject())
                .orElseThrow(() -> new InvalidTokenException("token sub must be a user uuid"));
        UUID jti = Uuids.parseCanonical(set.getJWTID())
                .orElseThrow(() -> new InvalidTokenException("token jti must be a uuid"));
        Date issuedAt = set.getIssueTime();
        Date expiresAt = set.getExpirationTime();
        if (issuedAt == null || expiresAt == null || !issuedAt.before(expiresAt)) {
            throw new InvalidTokenException("token iat and exp must be dates, iat before exp");
        }
        try {
            return new IssuedToken(jti, user, Scope.parseAll(scopeNames), issuedAt.getTime(), expiresAt.getTime());
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token " + e.getMessage());
        }
    }
}
