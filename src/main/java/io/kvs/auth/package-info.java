/**
 * Authentication and authorisation: HS256 JWT tokens derived from the cluster secret, users, groups and token
 * revocations, per-key owner/group/permission metadata with its 12 POSIX-style bits, and the gate that decides
 * which requests need which scope. Users, groups, memberships, revocations and key metadata are ordinary store
 * versions under the reserved {@code _auth/} and {@code _meta/} prefixes ({@link io.kvs.auth.ReservedKeys}), so
 * they replicate like any data; {@link io.kvs.auth.Directory} and {@link io.kvs.auth.RevocationList} are the
 * in-memory views every request consults.
 */
package io.kvs.auth;
