/**
 * Tokens and the secret they hang from: the cluster secret (read, generated or recorded 0600), HS256 JWTs issued
 * and verified strictly ({@link io.kvs.auth.tokens.TokenVerifier}), their scopes, the revocation list, and the
 * {@link io.kvs.auth.tokens.Caller} a verified token names. Plain Java: no container types.
 */
package io.kvs.auth.tokens;
