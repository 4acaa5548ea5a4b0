/**
 * Per-key ownership and the 12 POSIX-style permission bits (SPEC §3): {@link io.kvs.auth.permissions.KeyMetadata}
 * and the one decision {@link io.kvs.auth.permissions.Permissions#allows}. Plain Java: no container types.
 */
package io.kvs.auth.permissions;
