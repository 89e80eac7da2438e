package org.tbg.app.config;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * URLs that may carry credentials ({@code redis_url}, {@code database_url}, {@code events.nats_url}):
 * from the config file or, winning over it, the environment (spec/config.md). A refused value is
 * reported as hidden, never echoed.
 */
final class SecretUrls {
    static final Pattern REDIS_URL = Pattern.compile("rediss?://\\S+");
    static final Pattern DATABASE_URL = Pattern.compile("(jdbc:)?postgres(ql)?://\\S+");
    static final Pattern NATS_URLS = Pattern.compile("(nats|tls|ws|wss)://[^,\\s]+(,(nats|tls|ws|wss)://[^,\\s]+)*");

    private final Map<String, String> env;

    SecretUrls(Map<String, String> env) {
        this.env = env;
    }

    /** The URL from {@code envName} if set, else from the file's {@code key}; null when neither. */
    String get(ConfigSection c, String key, String envName, Pattern form, String allowed) {
        Predicate<String> ok = s -> form.matcher(s).matches();
        String fromFile = c.secret(key, ok, allowed);
        String fromEnv = fromEnv(envName, form, c.name(key), allowed);
        return fromEnv != null ? fromEnv : fromFile;
    }

    /** The URL from {@code envName} alone (no config file), checked against {@code form}; null when unset. */
    String fromEnv(String envName, Pattern form, String key, String allowed) {
        String value = value(envName);
        if (value != null && !form.matcher(value).matches()) {
            throw ConfigException.notAllowed(key + " (from " + envName + ")", ConfigSection.HIDDEN, allowed);
        }
        return value;
    }

    /** An unset or blank variable does not override: compose files often pass {@code VAR=} through. */
    String value(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
