package io.kvs.auth.permissions;

/** The three POSIX-style classes a caller can fall in for one key, each owning four of the twelve bits. */
public enum PermissionClass {
    OWNER(8), GROUP(4), OTHERS(0);

    private final int shift;

    PermissionClass(int shift) {
        this.shift = shift;
    }

    /** This class's four bits (create, delete, write, read) out of a 12-bit permission value. */
    public int bitsOf(int permissions) {
        return (permissions >>> shift) & 0xF;
    }
}
