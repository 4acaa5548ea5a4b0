package io.kvs.kv;

import io.kvs.refusals.InvalidRequestException;
import io.kvs.storage.Precondition;

import java.util.UUID;
import java.util.regex.Pattern;

/** A version's uuid as an HTTP entity tag, and what the conditional headers ask of it (SPEC §2). */
final class EntityTags {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EntityTags() {
    }

    static String of(UUID uuid) {
        return "\"" + uuid + "\"";
    }

    /**
     * Whether a read's If-None-Match names {@code live}: {@code *}, or any listed tag, weak ones included
     * (If-None-Match compares weakly). Tags that are not version uuids simply do not match.
     */
    static boolean noneMatch(String ifNoneMatch, UUID live) {
        String liveText = live.toString();
        for (String tag : ifNoneMatch.split(",")) {
            String opaque = tag.trim();
            if (opaque.equals("*")) {
                return true;
            }
            if (opaque.startsWith("W/")) {
                opaque = opaque.substring(2);
            }
            if (unquote(opaque).equalsIgnoreCase(liveText)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The condition a write asks for: {@code If-Match: "<uuid>"} (that version must be the live one) or
     * {@code If-None-Match: *} (no live value may exist). A malformed or contradictory header is a 400, so that a
     * typo never turns a conditional write into an unconditional one.
     */
    static Precondition forWrite(String ifMatch, String ifNoneMatch) {
        if (ifMatch != null && ifNoneMatch != null) {
            throw new InvalidRequestException("send If-Match or If-None-Match, not both");
        }
        if (ifMatch != null) {
            String uuid = unquote(ifMatch.trim());
            if (!UUID_TEXT.matcher(uuid).matches()) {
                throw new InvalidRequestException(
                        "If-Match must be one version uuid in quotes, e.g. If-Match: \"<uuid>\"");
            }
            return new Precondition.Matches(UUID.fromString(uuid));
        }
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw new InvalidRequestException("on writes If-None-Match accepts only *");
            }
            return Precondition.ABSENT;
        }
        return Precondition.NONE;
    }

    // Quotes are what RFC 9110 requires; a bare uuid is accepted too, as clients often forget them.
    private static String unquote(String tag) {
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }
}
