package io.kvs.auth.accounts;

import java.util.Objects;
import java.util.UUID;

/** An account tokens are issued to. Scopes belong to tokens, not to users. */
public record User(UUID uuid, String nickname, long createdAt) {

    public User {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(nickname, "nickname");
    }
}
