package io.kvs.auth.accounts;

import java.util.Objects;
import java.util.UUID;

/**
 * A named set of users. Its members are separate {@link GroupMembership} versions rather than a list inside the
 * group, so that adding and removing members on different nodes at once merges instead of one edit losing.
 */
public record Group(UUID uuid, String name, long createdAt) {

    public Group {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
    }
}
