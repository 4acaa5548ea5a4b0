package io.kvs.ctl;

/** A command failed: what to print on stderr, and the exit code ({@link ExitCodes}) to end with. */
final class CtlException extends RuntimeException {

    private final int exitCode;

    CtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
