package io.kvs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kvs.auth.tokens.ClusterSecret;
import io.kvs.auth.tokens.ClusterSecretSource;
import io.kvs.testing.Api;
import io.kvs.testing.KvsDeployment;
import io.kvs.testing.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An auth-enabled IT node as its tests see it: the deployment with its configuration, where its data directory is
 * (to read the root token and the generated cluster secret, as an operator would), and shorthands for requests
 * carrying a token.
 */
public final class AuthNode {

    private static final Map<String, Path> DATA_DIRS = new HashMap<>();

    private final Api api;
    private final Path dataDir;
    private final String rootToken;

    public AuthNode(Api api, String container) {
        this.api = api;
        this.dataDir = DATA_DIRS.get(container);
        this.rootToken = read(RootBootstrap.TOKEN_FILE);
    }

    /** The WAR for {@code container}, with auth on, a data directory of its own and {@code overrides}. */
    public static WebArchive war(String container, Map<String, String> overrides) {
        Path dataDir = Path.of(System.getProperty("kvs.buildDir"), "it", "data-" + container + "-" + System.nanoTime());
        DATA_DIRS.put(container, dataDir);
        Map<String, String> config = new HashMap<>(Map.of(
                "auth_enabled", "true",
                "allow_anonymous_read", "false",
                "allow_anonymous_write", "false",
                "data_dir", "\"" + dataDir + "\""));
        config.putAll(overrides);
        return KvsDeployment.war(container, config);
    }

    Path dataDir() {
        return dataDir;
    }

    String rootToken() {
        return rootToken;
    }

    /** The signing key every node of this cluster derives from the secret the first start generated. */
    byte[] signingKey() {
        return clusterSecret().jwtSigningKey();
    }

    /** The cluster secret the first start generated, as an operator copies it to the next node. */
    public ClusterSecret clusterSecret() {
        return ClusterSecret.of(read(ClusterSecretSource.FILE_NAME));
    }

    public Api api() {
        return api;
    }

    /** A request with {@code Authorization: Bearer token} (none when token is null); body is JSON when given. */
    public Reply call(String token, String method, String path, String json) {
        String[] auth = token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
        String[] headers = json == null ? auth : concat(auth, "Content-Type", "application/json");
        return api.send(method, path, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json), headers);
    }

    public Reply asRoot(String method, String path, String json) {
        return call(rootToken, method, path, json);
    }

    /** Creates a user with a unique nickname based on {@code name}; returns its uuid. */
    String createUser(String name) {
        String nickname = name + "-" + System.nanoTime();
        return asRoot("POST", "/auth/users", "{\"nickname\":\"" + nickname + "\"}").assertStatus(200)
                .json().getString("uuid");
    }

    /** A token of {@code user} with {@code scopes}. */
    String token(String user, String... scopes) {
        String list = Arrays.stream(scopes).map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
        return asRoot("POST", "/auth/tokens", "{\"user_uuid\":\"" + user + "\",\"scopes\":" + list + "}")
                .assertStatus(200).json().getString("token");
    }

    /** Asserts a 401 in the API's error shape with a Bearer challenge. */
    static Reply assertUnauthorized(Reply reply) {
        reply.assertError(401);
        String challenge = reply.header("WWW-Authenticate");
        assertEquals("Bearer", challenge == null ? null : challenge.split(" ")[0], "WWW-Authenticate: " + challenge);
        return reply;
    }

    private String read(String file) {
        try {
            return Files.readString(dataDir.resolve(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
