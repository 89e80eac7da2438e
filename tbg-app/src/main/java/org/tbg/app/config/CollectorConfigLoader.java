package org.tbg.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
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
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern REDIS_URL = Pattern.compile("rediss?://\\S+");
    private static final Pattern DATABASE_URL = Pattern.compile("(jdbc:)?postgres(ql)?://\\S+");
    private static final Pattern NATS_URLS = Pattern.compile("(nats|tls|ws|wss)://[^,\\s]+(,(nats|tls|ws|wss)://[^,\\s]+)*");

    private final Map<String, String> env;

    public CollectorConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment alone (no {@code -c}). */
    public CollectorConfig fromEnvironment() {
        return new CollectorConfig(envValue(ConfigLoader.ENV_DATABASE_URL, DATABASE_URL, "database_url", "a postgresql:// URL"),
                envValue(ConfigLoader.ENV_REDIS_URL, REDIS_URL, "redis_url", "a redis:// or rediss:// URL"),
                envValue(ConfigLoader.ENV_NATS_URL, NATS_URLS, "events.nats_url", "nats:// URLs separated by commas"),
                null, null);
    }

    /** @throws ConfigException naming the key, never showing a URL */
    public CollectorConfig load(Path file) {
        ConfigSection top = new ConfigSection("", parse(file));
        ConfigSection events = top.section("events");
        String database = secretUrl(top, "database_url", ConfigLoader.ENV_DATABASE_URL, DATABASE_URL, "a postgresql:// URL");
        String redis = secretUrl(top, "redis_url", ConfigLoader.ENV_REDIS_URL, REDIS_URL, "a redis:// or rediss:// URL");
        String nats = secretUrl(events, "nats_url", ConfigLoader.ENV_NATS_URL, NATS_URLS,
                "nats:// (or tls://, ws://, wss://) URLs separated by commas");
        String socket = top.string("event_socket_path", null, s -> !s.isBlank(), "a Unix socket path");
        String region = top.string("tbg_region", null, s -> REGION.matcher(s).matches(), "1 to 64 letters, digits, '-' or '_'");
        return new CollectorConfig(database, redis, nats, socket == null ? null : Path.of(socket), region);
    }

    private static ObjectNode parse(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("config: " + file + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new ConfigException("config: " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new ConfigException("config: cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new ConfigException("config: cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config: " + file + " must hold one JSON object");
        }
        return (ObjectNode) root;
    }

    private String secretUrl(ConfigSection c, String key, String envName, Pattern form, String allowed) {
        Predicate<String> ok = s -> form.matcher(s).matches();
        String fromFile = c.secret(key, ok, allowed);
        String fromEnv = envValue(envName, form, c.name(key), allowed);
        return fromEnv != null ? fromEnv : fromFile;
    }

    private String envValue(String name, Pattern form, String key, String allowed) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!form.matcher(value).matches()) {
            throw ConfigException.notAllowed(key + " (from " + name + ")", ConfigSection.HIDDEN, allowed);
        }
        return value;
    }
}
