package org.tbg.bitcoin.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

/** Typed reads of fields in node responses; every failure names the field. */
final class JsonFields {
    private JsonFields() {}

    static JsonNode required(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return value;
    }

    static long requiredLong(JsonNode object, String name) {
        return asLong(required(object, name), name);
    }

    static long optionalLong(JsonNode object, String name, long defaultValue) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? defaultValue : asLong(value, name);
    }

    static String requiredText(JsonNode object, String name) {
        JsonNode value = required(object, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' is not a string: " + value);
        }
        return value.asText();
    }

    static String optionalText(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : requiredText(object, name);
    }

    static byte[] requiredHex(JsonNode object, String name) {
        String text = requiredText(object, name);
        try {
            return Hex.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + name + "' is not hex: " + e.getMessage());
        }
    }

    /** A 32-byte hash sent in display (RPC) order, returned in internal byte order. */
    static byte[] requiredHash(JsonNode object, String name) {
        String text = requiredText(object, name);
        if (!Hex.isHex(text, 32)) {
            throw new IllegalArgumentException("field '" + name + "' is not a 32-byte hex hash: " + text);
        }
        return Bytes.reversed(Hex.decode(text));
    }

    static List<String> optionalStrings(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' is not an array: " + value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    static JsonNode requiredArray(JsonNode object, String name) {
        JsonNode value = required(object, name);
        if (!value.isArray()) {
            throw new IllegalArgumentException("field '" + name + "' is not an array: " + value);
        }
        return value;
    }

    private static long asLong(JsonNode value, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("field '" + name + "' is not an integer: " + value);
        }
        return value.longValue();
    }
}
