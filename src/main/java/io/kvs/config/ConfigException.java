package io.kvs.config;

/**
 * An unusable configuration. The message names the offending key first ({@code port: must be 1..65535, got 70000})
 * so that the node can stop with a line the operator can act on; whole-file problems (unreadable file, YAML syntax)
 * have no key.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String reason) {
        super(key == null ? reason : key + ": " + reason);
        this.key = key;
    }

    public ConfigException(String reason, Throwable cause) {
        super(reason, cause);
        this.key = null;
    }

    /** The YAML key at fault, or null when the problem is the file as a whole. */
    public String key() {
        return key;
    }
}
