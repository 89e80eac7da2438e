package org.tbg.app.config;

/**
 * A configuration value the pool cannot start with. The message is the whole story for the
 * operator, one line that names the key, the value and what is allowed; the command prints it
 * and exits with code 2, without a stack trace.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }

    /** {@code config: <key> = <value> is not allowed (<allowed>)}. */
    static ConfigException notAllowed(String key, String shownValue, String allowed) {
        return new ConfigException("config: " + key + " = " + shownValue + " is not allowed (" + allowed + ")");
    }

    /** {@code config: <key> is required (<allowed>)}. */
    static ConfigException missing(String key, String allowed) {
        return new ConfigException("config: " + key + " is required (" + allowed + ")");
    }
}
