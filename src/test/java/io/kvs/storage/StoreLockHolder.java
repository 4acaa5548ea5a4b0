package io.kvs.storage;

import java.nio.file.Path;

/**
 * Another process for {@link StoreLockTest}: {@code hold DIR} takes the lock a store takes (without the index, whose
 * Chronicle Map needs JVM flags) and keeps it until its stdin closes; {@code check DIR} exits 0 when no store holds DIR's lock, 3 (printing the message) when one does.
 */
public final class StoreLockHolder {

    private StoreLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("hold")) {
            try (StoreLock lock = StoreLock.acquire(dir)) {
                System.out.println("holding");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // held until the test closes our stdin
                }
            }
            return;
        }
        try {
            StoreLock.checkFree(dir);
        } catch (StoreInUseException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
