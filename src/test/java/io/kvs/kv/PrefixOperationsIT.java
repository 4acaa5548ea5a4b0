package io.kvs.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.testing.Api;
import io.kvs.testing.KvsDeployment;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §10 over HTTP on a node without auth: one level of a listing, and deleting every key under a prefix. The
 * permission side (only readable keys counted, others' keys skipped, {@code all=true} for admins) is in
 * {@code KeyPermissionsIT}; read-only refusal in {@code ReadOnlyNodeIT}; audit entries in {@code OperationsIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PrefixOperationsIT {

    @ArquillianResource
    private URL deployment;

    private Api api;
    private String prefix;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return KvsDeployment.war("normal", Map.of());
    }

    @BeforeEach
    void setUp() {
        api = new Api(deployment);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    private void put(String... keys) {
        for (String key : keys) {
            api.putJson("/kv/" + prefix + key, "1").assertStatus(200);
        }
    }

    private JsonObject level(String query) {
        return api.get("/kv/_range?separator=/&prefix=" + prefix + query).assertStatus(200).assertJson().json();
    }

    private static List<String> keys(JsonObject page) {
        return page.getJsonArray("items").stream().map(item -> item.asJsonObject().getString("key")).toList();
    }

    private static List<String> prefixes(JsonObject page) {
        return page.getJsonArray("prefixes").stream()
                .map(p -> p.asJsonObject().getString("prefix") + "=" + p.asJsonObject().getInt("keys")).toList();
    }

    @Test
    void separatorListsTheKeysOfOneLevelAndEachNextPrefixWithItsCount() {
        put("a", "b/1", "b/2", "b/c/3", "d", "e/1");
        JsonObject page = level("");
        assertEquals(List.of(prefix + "a", prefix + "d"), keys(page));
        assertEquals(List.of(prefix + "b/=3", prefix + "e/=1"), prefixes(page));
        assertTrue(page.isNull("next_start_key"));
    }

    @Test
    void aLevelIsPagedWithNextStartKeyAndEachPrefixIsListedOnce() {
        put("a", "b/1", "b/2", "c", "d/1", "e");
        JsonObject first = level("&limit=2");
        assertEquals(List.of(prefix + "a"), keys(first));
        assertEquals(List.of(prefix + "b/=2"), prefixes(first));
        JsonObject second = level("&limit=2&start_key=" + first.getString("next_start_key"));
        assertEquals(List.of(prefix + "c"), keys(second));
        assertEquals(List.of(prefix + "d/=1"), prefixes(second));
        JsonObject third = level("&limit=2&start_key=" + second.getString("next_start_key"));
        assertEquals(List.of(prefix + "e"), keys(third));
        assertTrue(third.isNull("next_start_key"));
    }

    @Test
    void withoutSeparatorTheListingHasNoPrefixes() {
        put("a/b");
        JsonObject flat = api.get("/kv/_range?prefix=" + prefix).assertStatus(200).json();
        assertEquals(List.of(prefix + "a/b"), keys(flat));
        assertTrue(!flat.containsKey("prefixes"), flat.toString());
    }

    @Test
    void badSeparatorQueriesAre400() {
        api.get("/kv/_range?separator=/&end_key=z").assertError(400);
        api.get("/kv/_range?separator=" + "/".repeat(17)).assertError(400);
    }

    @Test
    void deletingAPrefixTombstonesEveryKeyUnderItAndNothingBeside() {
        put("x/1", "x/2", "x/y/3");
        api.putJson("/kv/" + prefix.substring(0, prefix.length() - 1) + "x", "1").assertStatus(200);
        JsonObject outcome = api.delete("/kv/_range?prefix=" + prefix + "x/").assertStatus(200).assertJson().json();
        assertEquals(3, outcome.getInt("deleted"));
        assertEquals(0, outcome.getInt("skipped"));
        api.get("/kv/" + prefix + "x/1").assertError(404);
        api.get("/kv/" + prefix + "x/y/3").assertError(404);
        api.get("/kv/" + prefix.substring(0, prefix.length() - 1) + "x").assertStatus(200);
        assertEquals(0, api.delete("/kv/_range?prefix=" + prefix + "x/").assertStatus(200).json().getInt("deleted"),
                "a second delete finds nothing live");
    }

    @Test
    void anEmptyPrefixIs400UnlessAllIsTrue() {
        String error = api.delete("/kv/_range").assertError(400).json().getString("error");
        assertTrue(error.contains("all=true"), error);
        api.delete("/kv/_range?prefix=").assertError(400);
        api.delete("/kv/_range?all=false").assertError(400);
        api.delete("/kv/_range?all=yes").assertError(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_meta/", "a//", "%00"})
    void aPrefixNoKeyCouldHaveIs400(String bad) {
        api.delete("/kv/_range?prefix=" + bad).assertError(400);
    }

    @Test
    void allTrueDeletesEveryKeyWhenAuthIsOff() {
        put("k1", "k2");
        JsonObject outcome = api.delete("/kv/_range?all=true").assertStatus(200).json();
        assertTrue(outcome.getInt("deleted") >= 2, outcome.toString());
        assertEquals(0, api.get("/kv/_range").json().getJsonArray("items").size());
    }
}
