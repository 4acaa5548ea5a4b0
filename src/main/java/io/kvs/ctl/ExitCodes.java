package io.kvs.ctl;

/** kvsctl's exit codes, as {@code kvsctl --help} lists them. */
final class ExitCodes {

    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int USAGE = 2;
    static final int DENIED = 3;
    static final int PRECONDITION_FAILED = 4;
    static final int UNAVAILABLE = 5;

    /** The --help section that documents them. */
    static final String HELP = """
            Exit codes:
              0  ok
              1  not found; or audit verify found the chain broken
              2  usage: a bad option or argument, or the node answered 400
              3  unauthorised or forbidden (401, 403)
              4  precondition failed (--if-match, --if-absent) or conflict (409)
              5  the node is unreachable, busy (429, 503), failing (5xx), or not serving kvs
                 (yet): an answer without kvs's JSON error, as from a server still starting
            """;

    private ExitCodes() {
    }

    /** The exit code of a request the node answered with {@code status} (not 2xx). */
    static int forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 401, 403 -> DENIED;
            case 409, 412 -> PRECONDITION_FAILED;
            default -> status == 429 || status >= 500 ? UNAVAILABLE : USAGE;
        };
    }
}
