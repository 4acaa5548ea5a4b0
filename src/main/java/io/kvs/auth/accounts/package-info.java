/**
 * Users, groups and memberships, and {@link io.kvs.auth.accounts.Directory}, the in-memory view of them every
 * authenticated request consults. Plain Java: no container types.
 */
package io.kvs.auth.accounts;
