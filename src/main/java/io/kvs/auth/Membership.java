package io.kvs.auth;

import java.util.Objects;
import java.util.UUID;

/** One user in one group; {@code addedAt} (Unix ms) orders a user's groups, the earliest being their first group. */
public record Membership(UUID groupUuid, UUID userUuid, long addedAt) {

    public Membership {
        Objects.requireNonNull(groupUuid, "groupUuid");
        Objects.requireNonNull(userUuid, "userUuid");
    }
}
