package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.testing.Api;
import io.kvs.testing.EventStream;
import io.kvs.testing.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SPEC §3 key permissions and §2 /meta: owners, groups, the 12 bits, the create rule and admin bypass. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyPermissionsIT {

    private static final String CONTAINER = "auth";

    @ArquillianResource
    private URL deployment;

    private AuthNode node;
    private String john;
    private String mary;
    private String johnToken;
    private String maryToken;
    private String prefix;

    @Deployment(testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive deployment() {
        return AuthNode.war(CONTAINER, Map.of("default_permissions", "\"0xF11\""));
    }

    @BeforeEach
    void setUp() {
        node = new AuthNode(new Api(deployment), CONTAINER);
        john = node.createUser("john");
        mary = node.createUser("mary");
        johnToken = node.token(john, "read", "write");
        maryToken = node.token(mary, "read", "write");
        prefix = "p" + System.nanoTime();
    }

    private Reply as(String token, String method, String key, String json) {
        return node.call(token, method, "/kv/" + prefix + "/" + key, json);
    }

    private String groupWithMary() {
        String group = node.asRoot("POST", "/auth/groups", "{\"name\":\"team-" + System.nanoTime() + "\"}").json()
                .getString("uuid");
        node.asRoot("PUT", "/auth/groups/" + group + "/members/" + mary, null).assertStatus(204);
        return group;
    }

    private Reply meta(String token, String method, String key, String json) {
        return node.call(token, method, "/meta/" + prefix + "/" + key, json);
    }

    @Test
    void newKeyBelongsToItsWriterWithDefaultPermissions() {
        long before = System.currentTimeMillis();
        as(johnToken, "PUT", "doc", "{\"v\":1}").assertStatus(200);
        JsonObject meta = meta(johnToken, "GET", "doc", null).assertStatus(200).assertJson().json();
        assertEquals(john, meta.getString("owner_uuid"));
        assertTrue(meta.isNull("group_uuid"));
        assertEquals(0xF11, meta.getInt("permissions"));
        assertTrue(meta.getJsonNumber("created_at").longValue() >= before - 1000);
        assertEquals(meta.getJsonNumber("created_at"), meta.getJsonNumber("updated_at"));
    }

    @Test
    void newKeyTakesTheWritersFirstGroup() {
        String first = node.asRoot("POST", "/auth/groups", "{\"name\":\"first-" + System.nanoTime() + "\"}").json()
                .getString("uuid");
        String second = node.asRoot("POST", "/auth/groups", "{\"name\":\"second-" + System.nanoTime() + "\"}").json()
                .getString("uuid");
        node.asRoot("PUT", "/auth/groups/" + first + "/members/" + john, null).assertStatus(204);
        node.asRoot("PUT", "/auth/groups/" + second + "/members/" + john, null).assertStatus(204);
        as(johnToken, "PUT", "grouped", "{}").assertStatus(200);
        assertEquals(first, meta(johnToken, "GET", "grouped", null).json().getString("group_uuid"));
    }

    @Test
    void nonOwnerMayReadButNotOverwriteOrDeleteAnF11Key() {
        as(johnToken, "PUT", "doc", "{\"v\":1}").assertStatus(200);
        as(maryToken, "GET", "doc", null).assertStatus(200);
        as(maryToken, "PUT", "doc", "{\"v\":2}").assertError(403);
        as(maryToken, "DELETE", "doc", null).assertError(403);
        assertEquals(1, as(johnToken, "GET", "doc", null).json().getJsonObject("data").getInt("v"));
        as(johnToken, "PUT", "doc", "{\"v\":3}").assertStatus(200);
        as(johnToken, "DELETE", "doc", null).assertStatus(204);
    }

    @Test
    void aWatchSendsOnlyChangesOfKeysTheWatcherMayReadAndNeedsAToken() throws Exception {
        as(johnToken, "PUT", "closed", "{}").assertStatus(200);
        meta(johnToken, "PUT", "closed", "{\"permissions\":\"0xF00\"}").assertStatus(200);
        Api api = new Api(deployment);
        api.get("/kv/_watch?prefix=" + prefix + "/").assertError(401);
        String watch = "/kv/_watch?prefix=" + prefix + "/";
        try (EventStream mine = api.stream(watch, "Authorization", "Bearer " + maryToken)) {
            mine.assertEventStream();
            as(johnToken, "PUT", "closed", "{\"v\":2}").assertStatus(200);
            as(johnToken, "PUT", "open", "{\"v\":3}").assertStatus(200);

            EventStream.Event event = mine.next();
            assertTrue(event.data().contains("\"" + prefix + "/open\""), event.data());
            mine.assertQuietFor(300);
        }
    }

    /** A watch outlived the revocation of its token: it went on sending changes. */
    @Test
    void aWatchEndsWhenItsTokenIsRevoked() throws Exception {
        JsonObject issued = node.asRoot("POST", "/auth/tokens", "{\"user_uuid\":\"" + mary
                + "\",\"scopes\":[\"read\"]}").assertStatus(200).json();
        String token = issued.getString("token");
        String watch = "/kv/_watch?prefix=" + prefix + "/";
        Api api = new Api(deployment);
        try (EventStream stream = api.stream(watch, "Authorization", "Bearer " + token)) {
            stream.assertEventStream();
            as(johnToken, "PUT", "seen", "{}").assertStatus(200);
            stream.next();
            node.asRoot("DELETE", "/auth/tokens/" + issued.getString("jti"), null).assertStatus(204);
            stream.awaitEnd(10);
        }
        node.call(token, "GET", watch, null).assertError(401);
    }

    @Test
    void ownerChangesPermissionsAndTheyApplyAtOnce() {
        as(johnToken, "PUT", "private", "{}").assertStatus(200);
        JsonObject changed = meta(johnToken, "PUT", "private", "{\"permissions\":\"0xF00\"}").assertStatus(200).json();
        assertEquals(0xF00, changed.getInt("permissions"));
        assertTrue(changed.getJsonNumber("updated_at").longValue() >= changed.getJsonNumber("created_at").longValue());
        // issue 12 #9: to a caller who may not read it, a key is exactly as absent as one that never existed
        String unreadable = as(maryToken, "GET", "private", null).assertError(404).json().getString("error");
        String absent = as(maryToken, "GET", "never-written", null).assertError(404).json().getString("error");
        assertEquals(absent.replace("never-written", "private"), unreadable);
        meta(maryToken, "GET", "private", null).assertError(404);
        node.call(maryToken, "GET", "/kv/" + prefix + "/private?history=true", null).assertError(404);
        meta(johnToken, "PUT", "private", "{\"permissions\":3859}").assertStatus(200);
        as(maryToken, "PUT", "private", "{\"by\":\"mary\"}").assertStatus(200);
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesMetadata() {
        as(johnToken, "PUT", "doc", "{}").assertStatus(200);
        meta(maryToken, "PUT", "doc", "{\"permissions\":\"0xFFF\"}").assertError(403);
        meta(maryToken, "PUT", "doc", "{\"owner_uuid\":\"" + mary + "\"}").assertError(403);
        meta(node.rootToken(), "PUT", "doc", "{\"owner_uuid\":\"" + mary + "\"}").assertStatus(200);
        as(maryToken, "PUT", "doc", "{\"now\":\"mary's\"}").assertStatus(200);
        as(johnToken, "PUT", "doc", "{}").assertError(403);
    }

    @Test
    void groupBitsApplyToGroupMembers() {
        String team = groupWithMary();
        as(johnToken, "PUT", "shared", "{}").assertStatus(200);
        meta(johnToken, "PUT", "shared", "{\"group_uuid\":\"" + team + "\",\"permissions\":\"0xF60\"}").assertStatus(200);
        as(maryToken, "PUT", "shared", "{\"v\":2}").assertStatus(200);
        as(maryToken, "GET", "shared", null).assertError(404);
        as(maryToken, "DELETE", "shared", null).assertStatus(204);
    }

    @Test
    void creatingUnderAnotherUsersKeyNeedsItsCreateBit() {
        as(johnToken, "PUT", "home/john", "{}").assertStatus(200);
        as(maryToken, "PUT", "home/john/notes", "{}").assertError(403);
        as(johnToken, "PUT", "home/john/notes", "{}").assertStatus(200);
        as(maryToken, "PUT", "home/john/a/b/c", "{}").assertError(403);
        meta(johnToken, "PUT", "home/john", "{\"permissions\":\"0xF19\"}").assertStatus(200);
        as(maryToken, "PUT", "home/john/a/b/c", "{}").assertStatus(200);
        as(maryToken, "PUT", "home/mary", "{}").assertStatus(200);
    }

    @Test
    void rangeListsOnlyKeysTheCallerMayRead() {
        as(johnToken, "PUT", "r/open", "{}").assertStatus(200);
        as(johnToken, "PUT", "r/closed", "{}").assertStatus(200);
        meta(johnToken, "PUT", "r/closed", "{\"permissions\":\"0xF00\"}").assertStatus(200);
        String path = "/kv/_range?prefix=" + prefix + "/r/";
        String forMary = node.call(maryToken, "GET", path, null).assertStatus(200).text();
        assertTrue(forMary.contains("r/open") && !forMary.contains("r/closed"), forMary);
        String forJohn = node.call(johnToken, "GET", path, null).assertStatus(200).text();
        assertTrue(forJohn.contains("r/open") && forJohn.contains("r/closed"), forJohn);
        String all = node.asRoot("GET", "/kv/_range?limit=10000", null).assertStatus(200).text();
        assertFalse(all.contains("_auth/") || all.contains("_meta/"), "reserved keys listed");
    }

    @Test
    void aLevelCountsOnlyKeysTheCallerMayRead() {
        as(johnToken, "PUT", "l/d/open", "{}").assertStatus(200);
        as(johnToken, "PUT", "l/d/closed", "{}").assertStatus(200);
        as(johnToken, "PUT", "l/hidden/closed", "{}").assertStatus(200);
        meta(johnToken, "PUT", "l/d/closed", "{\"permissions\":\"0xF00\"}").assertStatus(200);
        meta(johnToken, "PUT", "l/hidden/closed", "{\"permissions\":\"0xF00\"}").assertStatus(200);
        String path = "/kv/_range?separator=/&prefix=" + prefix + "/l/";
        JsonArray forMary = node.call(maryToken, "GET", path, null).assertStatus(200).json().getJsonArray("prefixes");
        assertEquals(1, forMary.size(), "a prefix with nothing Mary may read is not listed: " + forMary);
        assertEquals(1, forMary.getJsonObject(0).getInt("keys"));
        JsonArray forJohn = node.call(johnToken, "GET", path, null).assertStatus(200).json().getJsonArray("prefixes");
        assertEquals(2, forJohn.getJsonObject(0).getInt("keys"));
        assertEquals(2, forJohn.size());
    }

    @Test
    void aPrefixDeleteSkipsKeysTheCallerMayNotDelete() {
        as(johnToken, "PUT", "pd/johns", "{}").assertStatus(200);
        as(maryToken, "PUT", "pd/marys", "{}").assertStatus(200);
        JsonObject outcome = node.call(maryToken, "DELETE", "/kv/_range?prefix=" + prefix + "/pd/", null)
                .assertStatus(200).json();
        assertEquals(1, outcome.getInt("deleted"));
        assertEquals(1, outcome.getInt("skipped"));
        as(maryToken, "GET", "pd/marys", null).assertError(404);
        as(maryToken, "GET", "pd/johns", null).assertStatus(200);
        node.call(null, "DELETE", "/kv/_range?prefix=" + prefix + "/pd/", null).assertError(401);
    }

    @Test
    void deletingEveryKeyNeedsAnAdminToken() {
        as(johnToken, "PUT", "all/k", "{}").assertStatus(200);
        node.call(johnToken, "DELETE", "/kv/_range?all=true", null).assertError(403);
        as(johnToken, "GET", "all/k", null).assertStatus(200);
        assertTrue(node.call(node.rootToken(), "DELETE", "/kv/_range?all=true", null).assertStatus(200).json()
                .getInt("deleted") >= 1);
        as(johnToken, "GET", "all/k", null).assertError(404);
        node.call(johnToken, "GET", "/kv/_range", null).assertStatus(200);
        as(johnToken, "PUT", "all/again", "{}").assertStatus(200);
    }

    @Test
    void adminBypassesKeyPermissions() {
        as(johnToken, "PUT", "locked", "{}").assertStatus(200);
        meta(johnToken, "PUT", "locked", "{\"permissions\":0}").assertStatus(200);
        as(johnToken, "GET", "locked", null).assertError(404);
        as(node.rootToken(), "GET", "locked", null).assertStatus(200);
        as(node.rootToken(), "PUT", "locked", "{\"root\":true}").assertStatus(200);
        as(node.rootToken(), "DELETE", "locked", null).assertStatus(204);
    }

    @Test
    void recreatedKeyBelongsToItsNewWriter() {
        as(johnToken, "PUT", "reborn", "{}").assertStatus(200);
        as(johnToken, "DELETE", "reborn", null).assertStatus(204);
        as(maryToken, "PUT", "reborn", "{}").assertStatus(200);
        assertEquals(mary, meta(maryToken, "GET", "reborn", null).json().getString("owner_uuid"));
    }

    @Test
    void historyOfARecreatedKeyDoesNotShowTheDeletedValues() {
        as(johnToken, "PUT", "payroll", "{\"salary\":90000}").assertStatus(200);
        as(johnToken, "PUT", "payroll", "{\"salary\":95000}").assertStatus(200);
        as(johnToken, "DELETE", "payroll", null).assertStatus(204);
        as(maryToken, "PUT", "payroll", "{\"salary\":1}").assertStatus(200);
        String history = as(maryToken, "GET", "payroll?history=true", null).assertStatus(200).text();
        assertFalse(history.contains("90000") || history.contains("95000"), history);
        assertTrue(history.contains("\"salary\":1"), history);
    }

    @Test
    void writerWithoutDeleteCannotGiveAKeyAnExpiry() {
        String team = groupWithMary();
        as(johnToken, "PUT", "ledger", "{\"v\":1}").assertStatus(200);
        meta(johnToken, "PUT", "ledger", "{\"group_uuid\":\"" + team + "\",\"permissions\":\"0xF30\"}")
                .assertStatus(200);
        as(maryToken, "PUT", "ledger", "{\"v\":2}").assertStatus(200);
        as(maryToken, "PUT", "ledger", "{\"data\":{\"v\":3},\"ttl\":\"1s\"}").assertError(403);
        assertEquals(2, as(maryToken, "GET", "ledger", null).assertStatus(200).json().getJsonObject("data").getInt("v"));
        as(johnToken, "PUT", "ledger", "{\"data\":{\"v\":4},\"ttl\":\"1h\"}").assertStatus(200);
    }

    @Test
    void metadataRequestErrors() {
        meta(johnToken, "GET", "absent", null).assertError(404);
        as(johnToken, "PUT", "m", "{}").assertStatus(200);
        meta(johnToken, "PUT", "m", "{}").assertError(400);
        meta(johnToken, "PUT", "m", "{\"permissions\":\"0x1000\"}").assertError(400);
        meta(johnToken, "PUT", "m", "{\"permissions\":\"rwx\"}").assertError(400);
        meta(johnToken, "PUT", "m", "{\"permision\":\"0xF11\"}").assertError(400);
        meta(johnToken, "PUT", "m", "{\"owner_uuid\":\"" + java.util.UUID.randomUUID() + "\"}").assertError(400);
        meta(johnToken, "PUT", "m", "{\"group_uuid\":\"" + java.util.UUID.randomUUID() + "\"}").assertError(400);
        node.call(johnToken, "GET", "/meta/_auth/users", null).assertError(400);
    }

    @Test
    void reservedNamespaceCannotBeAddressed() {
        node.call(node.rootToken(), "GET", "/kv/_auth/users/" + john, null).assertError(400);
        node.call(node.rootToken(), "PUT", "/kv/_meta/x", "{}").assertError(400);
        node.call(node.rootToken(), "GET", "/kv/%5Fauth/users/" + john, null).assertError(400);
    }
}
