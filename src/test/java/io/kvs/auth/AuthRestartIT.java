package io.kvs.auth;

import static io.kvs.auth.AuthNode.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kvs.testing.Api;
import io.kvs.testing.Reply;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Auth state is durable: users, revocations, key metadata and the root account survive a restart of the node, and a
 * restart neither creates a second root nor writes a new root token. Runs its own node process (see
 * {@link NodeProcess}) on port 18410.
 */
class AuthRestartIT {

    private static final int PORT = 18410;

    @Test
    void usersRevocationsAndMetadataSurviveARestart() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("kvs.buildDir"), "it",
                "auth-restart-" + System.nanoTime()));
        Path dataDir = work.resolve("data");
        Path config = work.resolve("config.yaml");
        Files.writeString(config, String.join("\n", List.of(
                "node_id: \"auth-restart\"", "bind_address: \"127.0.0.1\"", "port: " + PORT,
                "data_dir: \"" + dataDir + "\"", "auth_enabled: true", "rate_limiting_enabled: false",
                "clustering_enabled: false", "backup_enabled: false", "tamper_logging_enabled: false", "")));

        try (NodeProcess node = new NodeProcess(config, PORT, work)) {
            node.start();
            String rootToken = Files.readString(dataDir.resolve(RootBootstrap.TOKEN_FILE)).strip();
            Api api = new Api(node.url());
            String john = call(api, rootToken, "POST", "/auth/users", "{\"nickname\":\"john\"}").assertStatus(200)
                    .json().getString("uuid");
            String mary = call(api, rootToken, "POST", "/auth/users", "{\"nickname\":\"mary\"}").assertStatus(200)
                    .json().getString("uuid");
            String johnToken = token(api, rootToken, john);
            String maryToken = token(api, rootToken, mary);
            Reply revoked = call(api, rootToken, "POST", "/auth/tokens",
                    "{\"user_uuid\":\"" + john + "\",\"scopes\":[\"read\"]}").assertStatus(200);
            call(api, rootToken, "DELETE", "/auth/tokens/" + revoked.json().getString("jti"), null).assertStatus(204);
            call(api, johnToken, "PUT", "/kv/diary", "{\"secret\":true}").assertStatus(200);
            call(api, johnToken, "PUT", "/meta/diary", "{\"permissions\":\"0xF00\"}").assertStatus(200);

            node.stop();
            node.start();

            assertEquals(rootToken, Files.readString(dataDir.resolve(RootBootstrap.TOKEN_FILE)).strip());
            assertEquals(1, Files.readString(node.log(1)).split("created user root", -1).length - 1);
            assertEquals(0, Files.readString(node.log(2)).split("created user root", -1).length - 1);
            List<String> nicknames = call(api, rootToken, "GET", "/auth/users", null).assertStatus(200).jsonArray()
                    .stream().map(u -> u.asJsonObject().getString("nickname")).sorted().toList();
            assertEquals(List.of("john", "mary", "root"), nicknames);
            assertTrue(assertUnauthorized(call(api, revoked.json().getString("token"), "GET", "/kv/diary", null))
                    .text().contains("revoked"));
            call(api, johnToken, "GET", "/kv/diary", null).assertStatus(200);
            call(api, maryToken, "GET", "/kv/diary", null).assertError(404);
            assertEquals(john, call(api, johnToken, "GET", "/meta/diary", null).json().getString("owner_uuid"));
        }
    }

    private static String token(Api api, String rootToken, String user) {
        return call(api, rootToken, "POST", "/auth/tokens",
                "{\"user_uuid\":\"" + user + "\",\"scopes\":[\"read\",\"write\"]}").assertStatus(200)
                .json().getString("token");
    }

    private static Reply call(Api api, String token, String method, String path, String json) {
        return json == null
                ? api.send(method, path, BodyPublishers.noBody(), "Authorization", "Bearer " + token)
                : api.send(method, path, BodyPublishers.ofString(json), "Authorization", "Bearer " + token,
                        "Content-Type", "application/json");
    }
}
