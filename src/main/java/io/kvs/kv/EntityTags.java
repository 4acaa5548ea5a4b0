package io.kvs.kv;

import io.kvs.refusals.InvalidRequestException;
import io.kvs.storage.Precondition;

import java.util.HashSet;
import java.util.Set;
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
     * The condition a write asks for: {@code If-Match: "<uuid>"} (that version must be the live one; a list of tags:
     * one of them; {@code *}: any live version) or {@code If-None-Match: *} (no live value may exist). As RFC 9110
     * says, a tag that names no version (a weak one, or one that is no uuid) simply does not match, which is a 412;
     * an empty or contradictory header is a 400. Either way a typo never makes a conditional write unconditional.
     */
    static Precondition forWrite(String ifMatch, String ifNoneMatch) {
        if (ifMatch != null && ifNoneMatch != null) {
            throw new InvalidRequestException("send If-Match or If-None-Match, not both");
        }
        if (ifMatch != null) {
            return ifMatch(ifMatch);
        }
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw new InvalidRequestException("on writes If-None-Match accepts only *");
            }
            return Precondition.ABSENT;
        }
        return Precondition.NONE;
    }

    private static Precondition ifMatch(String header) {
        Set<UUID> versions = new HashSet<>();
        int tags = 0;
        for (String listed : header.split(",")) {
            String tag = listed.trim();
            if (tag.isEmpty()) {
                continue;
            }
            tags++;
            if (tag.equals("*")) {
                return Precondition.EXISTS;
            }
            // If-Match compares strongly: a weak tag never matches
            String uuid = unquote(tag);
            if (!tag.startsWith("W/") && UUID_TEXT.matcher(uuid).matches()) {
                versions.add(UUID.fromString(uuid));
            }
        }
        if (tags == 0) {
            throw new InvalidRequestException(
                    "If-Match is empty: send a version uuid in quotes, e.g. If-Match: \"<uuid>\"");
        }
        return versions.size() == 1 ? new Precondition.Matches(versions.iterator().next())
                : new Precondition.MatchesAny(versions);
    }

    // Quotes are what RFC 9110 requires; a bare uuid is accepted too, as clients often forget them.
    private static String unquote(String tag) {
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }
}
