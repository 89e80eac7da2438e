package org.tbg.app.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The collector's keys out of the same ckpool.conf-format file the pool reads — {@code database_url},
 * {@code redis_url}, {@code events.nats_url}, {@code event_socket_path}, {@code tbg_region} — with
 * the environment overrides of spec/config.md ({@code DATABASE_URL}, {@code REDIS_URL},
 * {@code NATS_URL}; an explicit environment value wins). A collector needs no node and no pool
 * address, so {@link ConfigLoader}'s full validation does not apply; the pool's other keys are
 * ignored here without warnings (the pool warns about unknown keys). A bad value of a key read here
 * is a {@link ConfigException} naming it, as in the pool.
 */
public final class CollectorConfigLoader {
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SecretUrls urls;

    public CollectorConfigLoader(Map<String, String> env) {
        this.urls = new SecretUrls(Map.copyOf(env));
    }

    /** The environment alone (no {@code -c}). */
    public CollectorConfig fromEnvironment() {
        return new CollectorConfig(urls.fromEnv(ConfigLoader.ENV_DATABASE_URL, SecretUrls.DATABASE_URL, "database_url", "a postgresql:// URL"),
                urls.fromEnv(ConfigLoader.ENV_REDIS_URL, SecretUrls.REDIS_URL, "redis_url", "a redis:// or rediss:// URL"),
                urls.fromEnv(ConfigLoader.ENV_NATS_URL, SecretUrls.NATS_URLS, "events.nats_url", "nats:// URLs separated by commas"),
                null, null);
    }

    /** @throws ConfigException naming the key, never showing a URL */
    public CollectorConfig load(Path file) {
        ConfigSection top = new ConfigSection("", ConfigFile.read(file, ""));
        ConfigSection events = top.section("events");
        String database = urls.get(top, "database_url", ConfigLoader.ENV_DATABASE_URL, SecretUrls.DATABASE_URL, "a postgresql:// URL");
        String redis = urls.get(top, "redis_url", ConfigLoader.ENV_REDIS_URL, SecretUrls.REDIS_URL, "a redis:// or rediss:// URL");
        String nats = urls.get(events, "nats_url", ConfigLoader.ENV_NATS_URL, SecretUrls.NATS_URLS,
                "nats:// (or tls://, ws://, wss://) URLs separated by commas");
        String socket = top.string("event_socket_path", null, s -> !s.isBlank(), "a Unix socket path");
        String region = top.string("tbg_region", null, s -> REGION.matcher(s).matches(), "1 to 64 letters, digits, '-' or '_'");
        return new CollectorConfig(database, redis, nats, socket == null ? null : Path.of(socket), region);
    }
}
