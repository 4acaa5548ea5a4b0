package io.kvs.auth;

import io.kvs.auth.accounts.Group;
import io.kvs.auth.accounts.GroupMembership;
import io.kvs.auth.accounts.User;
import io.kvs.auth.permissions.KeyMetadata;
import io.kvs.auth.tokens.IssuedToken;
import io.kvs.auth.tokens.Revocation;
import io.kvs.auth.tokens.Uuids;
import java.util.Optional;
import java.util.UUID;

/**
 * Where auth state lives in the store. Every key here has a first segment starting with {@code _}, which the data
 * API rejects for client keys (SPEC §1), so clients can neither read nor forge these versions; they still
 * replicate and take part in anti-entropy like any other key.
 *
 * <pre>
 * _auth/users/&lt;user uuid&gt;                     User
 * _auth/groups/&lt;group uuid&gt;                   Group
 * _auth/memberships/&lt;group uuid&gt;/&lt;user uuid&gt;  GroupMembership
 * _auth/tokens/&lt;jti&gt;                          IssuedToken (never the token itself)
 * _auth/revoked/&lt;jti&gt;                         Revocation
 * _meta/&lt;client key&gt;                          KeyMetadata of that key
 * </pre>
 */
public final class ReservedKeys {

    public static final String AUTH_PREFIX = "_auth/";
    public static final String USERS = AUTH_PREFIX + "users/";
    public static final String GROUPS = AUTH_PREFIX + "groups/";
    public static final String MEMBERSHIPS = AUTH_PREFIX + "memberships/";
    public static final String TOKENS = AUTH_PREFIX + "tokens/";
    public static final String REVOKED = AUTH_PREFIX + "revoked/";
    public static final String META_PREFIX = "_meta/";

    private ReservedKeys() {
    }

    public static String user(UUID user) {
        return USERS + user;
    }

    public static String group(UUID group) {
        return GROUPS + group;
    }

    public static String membership(UUID group, UUID user) {
        return MEMBERSHIPS + group + "/" + user;
    }

    public static String token(UUID jti) {
        return TOKENS + jti;
    }

    public static String revocation(UUID jti) {
        return REVOKED + jti;
    }

    public static String metadata(String clientKey) {
        return META_PREFIX + clientKey;
    }

    /** The (group, user) pair a membership key names, if {@code storeKey} is one. */
    public static Optional<MembershipId> membershipId(String storeKey) {
        if (!storeKey.startsWith(MEMBERSHIPS)) {
            return Optional.empty();
        }
        String[] ids = storeKey.substring(MEMBERSHIPS.length()).split("/", -1);
        if (ids.length != 2) {
            return Optional.empty();
        }
        return Uuids.parseCanonical(ids[0]).flatMap(
                group -> Uuids.parseCanonical(ids[1]).map(user -> new MembershipId(group, user)));
    }

    /** The uuid that ends {@code storeKey} after {@code prefix}, if it is exactly that. */
    public static Optional<UUID> uuidAfter(String prefix, String storeKey) {
        return storeKey.startsWith(prefix) ? Uuids.parseCanonical(storeKey.substring(prefix.length())) : Optional.empty();
    }

    /** The two ids a membership key is made of. */
    public record MembershipId(UUID group, UUID user) {
    }
}
