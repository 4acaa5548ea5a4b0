package io.kvs.auth.permissions;

/** What a caller does to a key; each is one bit inside a permission class (SPEC §3 Key permissions). */
public enum Operation {
    READ(1), WRITE(2), DELETE(4), CREATE(8);

    private final int bit;

    Operation(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}
