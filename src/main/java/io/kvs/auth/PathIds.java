package io.kvs.auth;

import io.kvs.auth.tokens.Uuids;
import io.kvs.refusals.InvalidRequestException;
import java.util.UUID;

/** Ids in {@code /auth} paths: lower-case uuids, anything else a 400 that says so. */
final class PathIds {

    private PathIds() {
    }

    static UUID uuid(String text) {
        return Uuids.parseCanonical(text)
                .orElseThrow(() -> new InvalidRequestException("\"" + text + "\" is not a lower-case uuid"));
    }
}
