package io.kvs.request;

/**
 * A decoded request path split once into what every rule looks at: the first segment ({@code area}: kv, meta, auth,
 * sync …) and what follows its slash ({@code rest}: for kv and meta, the key). None of the parts has a leading slash.
 *
 * @param path the whole percent-decoded path relative to the application root
 */
public record RequestPath(String path, String area, String rest) {

    /** @param decodedPath the percent-decoded path relative to the application root, with or without a leading '/' */
    public static RequestPath of(String decodedPath) {
        String path = decodedPath.startsWith("/") ? decodedPath.substring(1) : decodedPath;
        int slash = path.indexOf('/');
        return slash < 0 ? new RequestPath(path, path, "")
                : new RequestPath(path, path.substring(0, slash), path.substring(slash + 1));
    }

    /** Whether the area is followed by a slash: {@code kv/a} and {@code kv/} are, {@code kv} is not. */
    public boolean hasSlash() {
        return path.length() > area.length();
    }
}
