package io.kvs.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One kvs node started with {@code ./kvs CONFIG} as an operator would, for tests that must stop and start a node on
 * the same data directory, which an Arquillian deployment cannot do.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    private final Path config;
    private final int port;
    private final Path workDir;
    private Process process;
    private int starts;

    NodeProcess(Path config, int port, Path workDir) {
        this.config = config;
        this.port = port;
        this.workDir = workDir;
    }

    URL url() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the node with ./kvs and waits until {@code GET /health} answers 200; output goes to {@link #log(int)}. */
    void start() throws IOException, InterruptedException {
        starts++;
        // ./kvs validates the config, then execs Payara Micro: the process started here is the node.
        process = new ProcessBuilder("bash", Path.of(System.getProperty("kvs.baseDir"), "kvs").toString(),
                config.toString()).redirectErrorStream(true).redirectOutput(log(starts).toFile()).start();
        awaitHealthy();
    }

    /** SIGTERM, as an operator stops a node, and waits for a clean exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        process = null;
    }

    Path log(int start) {
        return workDir.resolve("node-" + start + ".log");
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited during start; see " + log(starts));
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("node not healthy within " + BOOT_TIMEOUT + "; see " + log(starts));
    }
}
