package io.kvs.auth.accounts;

import java.util.Objects;
import java.util.UUID;

/** One user in one group; {@code addedAt} (Unix ms) orders a user's groups, the earliest being their first group. */
public record GroupMembership(UUID groupUuid, UUID userUuid, long addedAt) {

    public GroupMembership {
        Objects.requireNonNull(groupUuid, "groupUuid");
        Objects.requireNonNull(userUuid, "userUuid");
    }
}
