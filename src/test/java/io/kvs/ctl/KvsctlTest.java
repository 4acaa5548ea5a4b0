package io.kvs.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KvsctlTest {

    private static final String VALUE = "{\"uuid\":\"u1\",\"timestamp\":5,\"data\":{\"x\":1}}";

    @TempDir
    Path dir;
    private StubApi node;

    /** What one kvsctl run printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void node(Function<StubApi.Request, StubApi.Answer> answers) throws IOException {
        node = new StubApi(answers);
    }

    private Run run(String stdin, boolean onTerminal, String... args) {
        return run(Map.of(), stdin, onTerminal, args);
    }

    private Run run(Map<String, String> environment, String stdin, boolean onTerminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>();
        if (node != null) {
            all.addAll(List.of("--endpoint", node.url()));
        }
        all.addAll(List.of(args));
        int code = Kvsctl.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                onTerminal, environment::get).execute(all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return run("", false, args);
    }

    @Test
    void getPrintsTheStoredValueAndSendsTheTokenAndAnEncodedKey() throws IOException {
        node(request -> StubApi.Answer.json(200, VALUE));
        Run run = run("--token", "T0K", "get", "a b/c%");
        assertEquals(new Run(0, "{\"x\":1}\n", ""), run);
        StubApi.Request request = node.requests().get(0);
        assertEquals("GET /kv/a%20b/c%25", request.method() + " " + request.rawPathAndQuery());
        assertEquals("Bearer T0K", request.authorization());
    }

    @ParameterizedTest
    @CsvSource({"404,1", "400,2", "413,2", "401,3", "403,3", "412,4", "409,4", "429,5", "503,5", "500,5"})
    void theExitCodeFollowsTheNodesAnswerAndItsErrorGoesToStderr(int status, int exitCode) throws IOException {
        node(request -> StubApi.Answer.json(status, "{\"error\":\"the reason\"}"));
        Run run = run("get", "k");
        assertEquals(exitCode, run.exitCode());
        assertEquals("", run.out());
        assertEquals("kvsctl: " + status + ": the reason\n", run.err());
    }

    @Test
    void anAnswerThatIsNotJsonIsShownAsItIs() throws IOException {
        node(request -> new StubApi.Answer(502, "text/html", "<html>bad gateway</html>"));
        Run run = run("health");
        assertEquals(5, run.exitCode());
        assertTrue(run.err().contains("<html>bad gateway</html>"), run.err());
    }

    @Test
    void anUnreachableNodeIsExitCode5() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = run("--endpoint", "http://127.0.0.1:" + port, "health");
        assertEquals(5, run.exitCode());
        assertTrue(run.err().startsWith("kvsctl: cannot reach http://127.0.0.1:" + port), run.err());
    }

    @Test
    void badUsageIsExitCode2AndSendsNothing() throws IOException {
        node(request -> StubApi.Answer.json(200, VALUE));
        assertEquals(2, run("get").exitCode());
        assertEquals(2, run("get", "k", "--nonsense").exitCode());
        assertEquals(2, run("put", "k", "{bad").exitCode());
        assertEquals(2, run("put", "k", "1,\"ttl\":\"0\"", "--ttl", "1h").exitCode(),
                "a value must be one JSON value, or it would add members to the ttl envelope");
        assertEquals(2, run("--endpoint", "localhost:8080", "health").exitCode());
        assertEquals(2, run("user").exitCode());
        assertEquals(List.of(), node.requests());
    }

    @Test
    void putSendsATtlEnvelopeAndThePreconditionAsked() throws IOException {
        node(request -> StubApi.Answer.json(200, "{\"uuid\":\"u2\",\"timestamp\":7}"));
        Run run = run("put", "k", "{\"a\": 1}", "--ttl", "1h", "--if-match", "u1");
        assertEquals(new Run(0, "{\"uuid\":\"u2\",\"timestamp\":7}\n", ""), run);
        StubApi.Request request = node.requests().get(0);
        assertEquals("PUT /kv/k", request.method() + " " + request.rawPathAndQuery());
        assertEquals("{\"data\":{\"a\": 1},\"ttl\":\"1h\"}", request.body());
        assertEquals("\"u1\"", request.ifMatch());

        run("put", "k", "2", "--if-absent");
        assertEquals("*", node.requests().get(1).ifNoneMatch());
        assertEquals("2", node.requests().get(1).body());
    }

    @Test
    void putReadsTheValueFromStdinWithDashOrWhenItIsLeftOut() throws IOException {
        node(request -> StubApi.Answer.json(200, "{\"uuid\":\"u2\",\"timestamp\":7}"));
        assertEquals(0, run("{\"from\":\"stdin\"}\n", false, "put", "k", "-").exitCode());
        assertEquals(0, run("[1,2]", false, "put", "k").exitCode());
        assertEquals(List.of("{\"from\":\"stdin\"}", "[1,2]"),
                node.requests().stream().map(StubApi.Request::body).toList());
    }

    @Test
    void theTokenComesFromATokenFile() throws IOException {
        node(request -> StubApi.Answer.json(200, VALUE));
        Path file = Files.writeString(dir.resolve("root.token"), "file-token\n");
        assertEquals(0, run("--token-file", file.toString(), "get", "k").exitCode());
        assertEquals("Bearer file-token", node.requests().get(0).authorization());
        assertEquals(2, run("--token-file", dir.resolve("missing").toString(), "get", "k").exitCode());
        assertEquals(2, run("--token", "t", "--token-file", file.toString(), "get", "k").exitCode());
    }

    @Test
    void aTokenOnTheCommandLineWinsOverKvsTokenInTheEnvironment() throws IOException {
        node(request -> StubApi.Answer.json(200, VALUE));
        Path file = Files.writeString(dir.resolve("root.token"), "file-token\n");
        Map<String, String> environment = Map.of("KVS_TOKEN", "env-token");
        assertEquals(0, run(environment, "", false, "get", "k").exitCode());
        assertEquals(0, run(environment, "", false, "--token-file", file.toString(), "get", "k").exitCode());
        assertEquals(0, run(environment, "", false, "get", "k", "--token", "flag-token").exitCode());
        assertEquals(List.of("Bearer env-token", "Bearer file-token", "Bearer flag-token"),
                node.requests().stream().map(StubApi.Request::authorization).toList());
    }

    @Test
    void onATerminalAnswersAreTablesAndWhenPipedJson() throws IOException {
        node(request -> StubApi.Answer.json(200, "{\"status\":\"ok\",\"member_count\":3}"));
        assertEquals("FIELD         VALUE\nstatus        ok\nmember_count  3\n", run("", true, "health").out());
        assertEquals("{\"status\":\"ok\",\"member_count\":3}\n", run("health").out());
        assertEquals("{\"status\":\"ok\",\"member_count\":3}\n", run("", true, "-o", "json", "health").out());
    }

    @Test
    void lsListsFoldersFirstWithTheirCountsThenKeys() throws IOException {
        node(request -> StubApi.Answer.json(200, "{\"items\":[{\"key\":\"app/readme\",\"uuid\":\"u\",\"timestamp\":1}],"
                + "\"prefixes\":[{\"prefix\":\"app/a/\",\"keys\":1},{\"prefix\":\"app/b/\",\"keys\":12}],"
                + "\"next_start_key\":null}"));
        Run run = run("-o", "table", "ls", "app");
        assertEquals(new Run(0, "app/a/      1 key\napp/b/      12 keys\napp/readme\n", ""), run);
        assertEquals("/kv/_range?prefix=app%2F&limit=100&separator=/", node.requests().get(0).rawPathAndQuery());
    }

    @Test
    void lsRecursiveFollowsNextStartKeyToTheEnd() throws IOException {
        node(request -> StubApi.Answer.json(200, request.rawPathAndQuery().contains("start_key=")
                ? "{\"items\":[{\"key\":\"p/2\",\"uuid\":\"u\",\"timestamp\":1}],\"next_start_key\":null}"
                : "{\"items\":[{\"key\":\"p/1\",\"uuid\":\"u\",\"timestamp\":1}],\"next_start_key\":\"p/2\"}"));
        Run run = run("ls", "-R", "p/", "--limit", "1");
        assertEquals(0, run.exitCode());
        assertEquals(List.of("{\"key\":\"p/1\",\"uuid\":\"u\",\"timestamp\":1}",
                "{\"key\":\"p/2\",\"uuid\":\"u\",\"timestamp\":1}"), run.out().lines().toList());
        assertEquals("/kv/_range?prefix=p%2F&limit=1&start_key=p%2F2", node.requests().get(1).rawPathAndQuery());
    }

    @Test
    void aPrefixDeleteOffATerminalNeedsYesAndOtherwiseDeletesNothing() throws IOException {
        node(request -> StubApi.Answer.json(200, request.method().equals("GET")
                ? "{\"items\":[{\"key\":\"p/a\",\"uuid\":\"u\",\"timestamp\":1}],"
                + "\"prefixes\":[{\"prefix\":\"p/b/\",\"keys\":2}],\"next_start_key\":null}"
                : "{\"deleted\":3,\"skipped\":1}"));
        Run refused = run("del", "--prefix", "p/");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("would delete 3 keys under \"p/\""), refused.err());
        assertTrue(node.requests().stream().noneMatch(r -> r.method().equals("DELETE")));

        Run declined = run("no\n", true, "del", "--prefix", "p/");
        assertEquals(0, declined.exitCode());
        assertTrue(node.requests().stream().noneMatch(r -> r.method().equals("DELETE")));

        Run confirmed = run("y\n", true, "del", "--prefix", "p/");
        assertEquals(new Run(0, "deleted 3 keys, skipped 1 you may not delete\n",
                "kvsctl: delete 3 keys under \"p/\"? [y/N] "), confirmed);
        assertEquals("DELETE /kv/_range?prefix=p%2F", node.requests().get(node.requests().size() - 1).method()
                + " " + node.requests().get(node.requests().size() - 1).rawPathAndQuery());
        assertEquals("{\"deleted\":3,\"skipped\":1}\n", run("del", "--prefix", "p/", "--yes").out());
        run("del", "--all", "--yes");
        assertEquals("/kv/_range?all=true", node.requests().get(node.requests().size() - 1).rawPathAndQuery());
    }

    @Test
    void watchPrintsEachEventAndResumesAfterTheLastIdWhenTheStreamEnds() throws IOException {
        node(request -> request.lastEventId() == null
                ? StubApi.Answer.events(": watching\n\nid: 5\nevent: put\ndata: {\"key\":\"k\",\"uuid\":\"u\","
                + "\"timestamp\":1,\"data\":{\"v\":1}}\n\nid: 7\nevent: delete\ndata: {\"key\":\"k\",\"uuid\":\"w\","
                + "\"timestamp\":2,\"reason\":\"expired\"}\n\n: keep-alive\nid: 9\n\n")
                : StubApi.Answer.events("id: 12\nevent: put\ndata: {\"key\":\"k2\",\"uuid\":\"x\",\"timestamp\":3,"
                + "\"data\":2}\n\n"));
        Run run = run("", true, "watch", "k", "--count", "3");
        assertEquals(0, run.exitCode());
        assertEquals(List.of("5  put       k  {\"v\":1}", "7  delete    k (expired)", "12  put       k2  2"),
                run.out().lines().toList());
        assertEquals("/kv/_watch?prefix=k", node.requests().get(0).rawPathAndQuery());
        assertEquals("9", node.requests().get(1).lastEventId(), "the keep-alive's cursor is where it resumes");
        assertTrue(run.err().contains("reconnecting after event 9"), run.err());
    }

    @Test
    void watchJsonLinesCarryIdAndEventAndSinceIsTheFirstCursor() throws IOException {
        node(request -> StubApi.Answer.events("id: 12\nevent: put\ndata: {\"key\":\"k2\",\"uuid\":\"x\","
                + "\"timestamp\":3,\"data\":2}\n\n"));
        Run run = run("watch", "--key", "k2", "--since", "10", "--count", "1");
        assertEquals("{\"id\":\"12\",\"event\":\"put\",\"key\":\"k2\",\"uuid\":\"x\",\"timestamp\":3,\"data\":2}\n",
                run.out());
        assertEquals("10", node.requests().get(0).lastEventId());
        assertEquals("/kv/_watch?key=k2", node.requests().get(0).rawPathAndQuery());
    }

    @Test
    void aWatchRetriesWhileTheServerAnswersWithoutKvsJsonAsWhenItIsStillStarting() throws IOException {
        AtomicInteger answered = new AtomicInteger();
        node(request -> answered.getAndIncrement() == 0
                ? new StubApi.Answer(404, "text/html", "<html><body>Not Found</body></html>")
                : StubApi.Answer.events("id: 3\nevent: put\ndata: {\"key\":\"k\",\"uuid\":\"u\",\"timestamp\":1,"
                + "\"data\":1}\n\n"));
        Run run = run("watch", "--count", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, node.requests().size());
        assertTrue(run.err().contains("not kvs"), run.err());
    }

    @Test
    void anAnswerThatIsNotKvsJsonIsUnavailableNotNotFound() throws IOException {
        node(request -> new StubApi.Answer(404, "text/html", "<html>Not Found</html>"));
        Run run = run("get", "k");
        assertEquals(5, run.exitCode());
        assertTrue(run.err().contains("404 from something that is not kvs: <html>Not Found</html>"), run.err());
    }

    @Test
    void aRefusedWatchEndsWithItsExitCode() throws IOException {
        node(request -> StubApi.Answer.json(401, "{\"error\":\"a bearer token is required\"}"));
        assertEquals(3, run("watch").exitCode());
        assertEquals(1, node.requests().size(), "a refusal is not retried");
    }

    @Test
    void userAndGroupArgumentsMayBeNamesAndAuditVerifyFailsOnABrokenChain() throws IOException {
        node(request -> switch (request.rawPathAndQuery()) {
            case "/auth/users" -> StubApi.Answer.json(200, "[{\"uuid\":\"11\",\"nickname\":\"john\"}]");
            case "/auth/groups" -> StubApi.Answer.json(200, "[{\"uuid\":\"22\",\"name\":\"ops\"}]");
            case "/audit/verify" -> StubApi.Answer.json(200, "{\"valid\":false,\"entries\":9,\"first_bad_seq\":4}");
            default -> StubApi.Answer.json(204, "");
        });
        assertEquals(0, run("group", "add-member", "ops", "john").exitCode());
        assertEquals("PUT /auth/groups/22/members/11", node.requests().get(2).method() + " "
                + node.requests().get(2).rawPathAndQuery());
        assertEquals(1, run("user", "rm", "mary").exitCode());
        Run audit = run("audit", "verify");
        assertEquals(1, audit.exitCode());
        assertTrue(audit.err().contains("broken at entry 4"), audit.err());
    }

    @Test
    void versionAndHelpNameTheExitCodes() {
        Run version = run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("kvsctl "), version.out());
        Run help = run("--help");
        assertTrue(help.out().contains("Exit codes:") && help.out().contains("4  precondition failed"), help.out());
        for (String[] command : new String[][] {{"put", "--help"}, {"user", "add", "-h"}, {"del", "--help"}}) {
            Run usage = run(command);
            assertEquals(0, usage.exitCode(), usage.err());
            assertTrue(usage.out().startsWith("Usage: kvsctl " + command[0]), usage.out());
        }
    }
}
