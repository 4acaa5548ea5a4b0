package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.auth.ReservedKeys.MembershipId;
import io.kvs.auth.tokens.Uuids;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReservedKeysTest {

    private final UUID a = UUID.fromString("0b1f8a56-3c1e-4d7b-9a0e-2f9b6c1d4e5f");
    private final UUID b = UUID.fromString("7c2d9e10-8f4a-4b6c-a1d2-3e4f5a6b7c8d");

    @Test
    void layoutIsUnderReservedFirstSegments() {
        assertEquals("_auth/users/" + a, ReservedKeys.user(a));
        assertEquals("_auth/groups/" + a, ReservedKeys.group(a));
        assertEquals("_auth/memberships/" + a + "/" + b, ReservedKeys.membership(a, b));
        assertEquals("_auth/tokens/" + a, ReservedKeys.token(a));
        assertEquals("_auth/revoked/" + a, ReservedKeys.revocation(a));
        assertEquals("_meta/home/john/notes", ReservedKeys.metadata("home/john/notes"));
        for (String key : new String[] {ReservedKeys.user(a), ReservedKeys.group(a), ReservedKeys.membership(a, b),
            ReservedKeys.token(a), ReservedKeys.revocation(a), ReservedKeys.metadata("x")}) {
            assertTrue(key.startsWith("_"), key);
        }
    }

    @Test
    void keysParseBackToTheirIds() {
        assertEquals(Optional.of(a), ReservedKeys.uuidAfter(ReservedKeys.USERS, ReservedKeys.user(a)));
        assertEquals(Optional.of(new MembershipId(a, b)), ReservedKeys.membershipId(ReservedKeys.membership(a, b)));
    }

    @Test
    void malformedReservedKeysParseToNothing() {
        assertEquals(Optional.empty(), ReservedKeys.uuidAfter(ReservedKeys.USERS, "_auth/users/not-a-uuid"));
        assertEquals(Optional.empty(), ReservedKeys.uuidAfter(ReservedKeys.USERS, ReservedKeys.user(a) + "/x"));
        assertEquals(Optional.empty(), ReservedKeys.uuidAfter(ReservedKeys.USERS, ReservedKeys.group(a)));
        assertEquals(Optional.empty(), ReservedKeys.membershipId("_auth/memberships/" + a));
        assertEquals(Optional.empty(), ReservedKeys.membershipId("_auth/memberships/" + a + "/" + b + "/c"));
    }

    @Test
    void onlyCanonicalLowerCaseUuidsAreAccepted() {
        assertEquals(Optional.of(a), Uuids.parseCanonical(a.toString()));
        assertEquals(Optional.empty(), Uuids.parseCanonical(a.toString().toUpperCase()));
        assertEquals(Optional.empty(), Uuids.parseCanonical("1-1-1-1-1"));
        assertEquals(Optional.empty(), Uuids.parseCanonical(null));
    }
}
