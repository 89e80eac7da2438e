package org.tbg.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

/**
 * One JSON object of the config file, read key by key with its rule. It remembers which keys were
 * read, so whatever is left over can be reported as unknown. Not thread-safe: used once, while
 * loading.
 */
final class ConfigSection {
    private static final int MAX_SHOWN_CHARS = 80;
    static final String HIDDEN = "(hidden)";

    private final String prefix; // "" at the top, "limits." or "btcd[0]." below
    private final ObjectNode node;
    private final Set<String> read = new HashSet<>();
    private final Map<String, List<ConfigSection>> children = new HashMap<>(); // by the key they were read from

    ConfigSection(String prefix, ObjectNode node) {
        this.prefix = prefix;
        this.node = node;
    }

    /** The key as the operator finds it in the file, e.g. {@code limits.max_line_bytes}. */
    String name(String key) {
        return prefix + key;
    }

    /** The raw value, or null when the key is absent or JSON {@code null} (both mean: use the default). */
    JsonNode value(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    int integer(String key, int def, int min, int max, String allowed) {
        JsonNode v = value(key);
        if (v == null) {
            if (def < min || def > max) {
                throw ConfigException.notAllowed(name(key), def + " (the default)", allowed);
            }
            return def;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw notAllowed(key, v, allowed);
        }
        return v.intValue();
    }

    double number(String key, double def, DoublePredicate ok, String allowed) {
        JsonNode v = value(key);
        if (v == null) {
            if (!ok.test(def)) {
                throw ConfigException.notAllowed(name(key), show(def) + " (the default)", allowed);
            }
            return def;
        }
        if (!v.isNumber() || !ok.test(v.doubleValue())) {
            throw notAllowed(key, v, allowed);
        }
        return v.doubleValue();
    }

    boolean bool(String key, boolean def) {
        JsonNode v = value(key);
        if (v == null) {
            return def;
        }
        if (!v.isBoolean()) {
            throw notAllowed(key, v, "true or false");
        }
        return v.booleanValue();
    }

    /** A string that passes {@code ok}, or {@code def} (which may be null) when absent. */
    String string(String key, String def, Predicate<String> ok, String allowed) {
        return string(key, def, ok, allowed, false);
    }

    /** Like {@link #string}, but the value never appears in a message: passwords, URLs with credentials. */
    String secret(String key, Predicate<String> ok, String allowed) {
        return string(key, null, ok, allowed, true);
    }

    private String string(String key, String def, Predicate<String> ok, String allowed, boolean secret) {
        JsonNode v = value(key);
        if (v == null) {
            return def;
        }
        if (!v.isTextual() || !ok.test(v.textValue())) {
            throw secret ? ConfigException.notAllowed(name(key), HIDDEN, allowed) : notAllowed(key, v, allowed);
        }
        return v.textValue();
    }

    /** A list of strings; a single string is taken as a list of one (ckpool accepts both). */
    List<String> strings(String key, List<String> def, String allowed) {
        JsonNode v = value(key);
        if (v == null) {
            return def;
        }
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray() || v.isEmpty()) {
            throw notAllowed(key, v, allowed);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw notAllowed(key, v, allowed);
            }
            out.add(item.textValue());
        }
        return List.copyOf(out);
    }

    /** A nested object; an absent key gives an empty section, so every default applies. */
    ConfigSection section(String key) {
        JsonNode v = value(key);
        if (v != null && !v.isObject()) {
            throw notAllowed(key, v, "an object");
        }
        return child(key, name(key) + ".", v == null ? node.objectNode() : (ObjectNode) v);
    }

    /** An array of objects, one section per element; null when the key is absent. */
    List<ConfigSection> sections(String key, String allowed) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw notAllowed(key, v, allowed);
        }
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isObject()) {
                throw ConfigException.notAllowed(name(key) + "[" + i + "]", shown(item), allowed);
            }
            out.add(child(key, name(key) + "[" + i + "].", (ObjectNode) item));
        }
        return out;
    }

    /** Keys present in the file that no rule read, with their full names, in file order. */
    List<String> unknownKeys() {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                out.add(name(key));
            }
            for (ConfigSection child : children.getOrDefault(key, List.of())) {
                out.addAll(child.unknownKeys());
            }
        }
        return out;
    }

    ConfigException notAllowed(String key, JsonNode value, String allowed) {
        return ConfigException.notAllowed(name(key), shown(value), allowed);
    }

    private ConfigSection child(String key, String childPrefix, ObjectNode childNode) {
        ConfigSection child = new ConfigSection(childPrefix, childNode);
        children.computeIfAbsent(key, k -> new ArrayList<>()).add(child);
        return child;
    }

    /** The value as JSON text (strings quoted), cut short so one bad value keeps the message one line. */
    static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    /** 42.0 shows as 42, 0.5 as 0.5. */
    static String show(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
