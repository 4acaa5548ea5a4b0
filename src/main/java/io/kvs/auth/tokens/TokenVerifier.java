package io.kvs.auth.tokens;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Verifies tokens strictly: only what {@link TokenIssuer} produces is accepted. The header must be exactly
 * {@code alg: HS256} (and optionally {@code typ: JWT}): no {@code none}, no other HMAC or public-key algorithm, no
 * {@code crit}, {@code kid}, {@code jku}, {@code jwk}, {@code x5u}, {@code x5c} or {@code b64}, so nothing in a token
 * can steer which key or algorithm checks it. The signature is checked before any claim is trusted. The claims must
 * be exactly sub, scopes, iat, exp, jti, well-formed; the token must not be expired or revoked, and its user must
 * still exist (deleting a user kills their tokens).
 *
 * <p>Parsing and the HMAC check are most of a request's cost with auth on, so a token that passed them is remembered
 * (by its exact text, for at most its lifetime, {@value #CACHE_CAPACITY} tokens at most). Expiry, revocation and the
 * user's existence are checked on every call, cached or not: they are in-memory lookups, and a revocation replicated
 * to this node refuses the token on its very next request.
 */
public final class TokenVerifier {

    /** Longer inputs are refused before parsing; a kvs token is a few hundred characters. */
    static final int MAX_TOKEN_LENGTH = 4096;

    /** Tolerated clock skew for {@code iat} between the issuing node and this one. Expiry has none. */
    static final long IAT_SKEW_MS = 60_000;

    /** Verified tokens remembered; a node serves far fewer live tokens than this. */
    static final int CACHE_CAPACITY = 4096;

    private static final Set<String> HEADER_PARAMS = Set.of("alg", "typ");
    private static final Set<String> CLAIM_NAMES = Set.copyOf(TokenIssuer.claimNames());

    private final MACVerifier verifier;
    private final LongSupplier clock;
    private final Predicate<UUID> isRevoked;
    private final Predicate<UUID> isLiveUser;
    private final ConcurrentHashMap<String, IssuedToken> verified = new ConcurrentHashMap<>();

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
        long now = clock.getAsLong();
        IssuedToken claims = token == null ? null : verified.get(token);
        if (claims == null) {
            claims = verifySignedClaims(token, now);
            remember(token, claims, now);
        }
        if (claims.expiresAt() <= now) {
            verified.remove(token);
            throw new InvalidTokenException("token expired");
        }
        if (isRevoked.test(claims.jti())) {
            throw new InvalidTokenException("token revoked");
        }
        if (!isLiveUser.test(claims.userUuid())) {
            throw new InvalidTokenException("token user no longer exists");
        }
        return claims;
    }

    /** Number of verified tokens remembered (for tests). */
    int cachedTokens() {
        return verified.size();
    }

    private IssuedToken verifySignedClaims(String token, long now) throws InvalidTokenException {
        SignedJWT jwt = parse(token);
        checkHeader(jwt.getHeader());
        checkSignature(jwt);
        IssuedToken claims = claimsOf(jwt);
        if (claims.issuedAt() > now + IAT_SKEW_MS) {
            throw new InvalidTokenException("token issued in the future");
        }
        return claims;
    }

    /** When full, expired tokens go first; if none has expired, everything goes (a flood of distinct valid tokens). */
    private void remember(String token, IssuedToken claims, long now) {
        if (verified.size() >= CACHE_CAPACITY) {
            verified.values().removeIf(cached -> cached.expiresAt() <= now);
            if (verified.size() >= CACHE_CAPACITY) {
                verified.clear();
            }
        }
        verified.put(token, claims);
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
