/**
 * Authentication and authorisation wired into the node: {@link io.kvs.auth.AuthService} (the cluster secret, the
 * in-memory views fed from the store by {@link io.kvs.auth.AuthRecords} and {@link io.kvs.auth.KeyMetadataView}, the
 * root account on a first node), the gate that decides which requests need which scope ({@link
 * io.kvs.auth.RequestGate}, by {@link io.kvs.request.EndpointAccess}), the per-key check of the data path ({@link
 * io.kvs.auth.KeyAccess}) and the {@code /auth} and {@code /meta} endpoints. Users, groups, memberships, revocations
 * and key metadata are ordinary store versions under the reserved {@code _auth/} and {@code _meta/} prefixes ({@link
 * io.kvs.auth.ReservedKeys}), so they replicate like any data; their JSON is {@link io.kvs.auth.AuthJson} (JSON-P,
 * field by field, so a replicated record from another version is checked, not bound). The rules themselves are plain
 * Java below this package: {@code tokens}, {@code accounts}, {@code permissions}.
 */
package io.kvs.auth;
