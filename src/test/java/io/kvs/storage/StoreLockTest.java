package io.kvs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLockTest {

    private static final String SHARED = "two nodes cannot share a data_dir";

    @TempDir
    Path dir;

    @Test
    void secondOpenOfOneDirectoryFailsNamingItUntilTheFirstCloses() throws IOException {
        TestStores stores = new TestStores(dir);
        try (Store first = stores.open()) {
            first.put("k", TestStores.json("1"), 0, Precondition.NONE).join();

            StoreInUseException refused = assertThrows(StoreInUseException.class, stores::open);

            assertEquals("another kvs node (pid " + ProcessHandle.current().pid() + ") holds "
                    + dir.resolve(StoreLock.FILE_NAME) + ": " + SHARED, refused.getMessage());
            assertThrows(StoreInUseException.class, () -> StoreLock.checkFree(dir));
        }
        StoreLock.checkFree(dir);
        try (Store reopened = stores.open()) {
            assertEquals("1", TestStores.text(reopened.get("k").orElseThrow()));
        }
    }

    @Test
    void anotherProcessIsRefusedWhileAStoreIsOpenEvenAfterARefusalHere() throws Exception {
        TestStores stores = new TestStores(dir);
        try (Store open = stores.open()) {
            assertThrows(StoreInUseException.class, stores::open);
            // On Linux a careless refusal (closing a channel of the same file) would have dropped the open store's lock.
            Process check = java("check", dir);
            assertEquals(3, exitStatus(check));
            assertTrue(output(check).contains(SHARED));
        }
        assertEquals(0, exitStatus(java("check", dir)));
    }

    @Test
    void aLockHeldByAnotherProcessRefusesThisOneWithItsPid() throws Exception {
        Process holder = java("hold", dir);
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("holding", lines.readLine());

            StoreInUseException refused = assertThrows(StoreInUseException.class, () -> new TestStores(dir).open());
            StoreInUseException checked = assertThrows(StoreInUseException.class, () -> StoreLock.checkFree(dir));

            assertEquals(refused.getMessage(), checked.getMessage());
            assertTrue(refused.getMessage().startsWith("another kvs node (pid " + holder.pid() + ") holds"),
                    refused.getMessage());
            holder.getOutputStream().close();
            assertEquals(0, exitStatus(holder));
        }
        try (Store mine = new TestStores(dir).open()) {
            assertEquals(0, mine.liveKeyCount());
        }
    }

    @Test
    void checkingAFreshDirectoryCreatesNothing() throws IOException {
        Path absent = dir.resolve("absent");
        StoreLock.checkFree(absent);
        assertTrue(Files.notExists(absent));
    }

    private static Process java(String mode, Path dir) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreLockHolder.class.getName(), mode, dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static int exitStatus(Process process) throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish");
        }
        return process.exitValue();
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
