package org.tbg.devnet.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.tbg.bitcoin.encoding.Hex;

/**
 * A request's arguments by position, with Core's checks and error answers: too many arguments
 * is {@code -1}, a wrong JSON type {@code -3}. Named arguments (a JSON object) are mapped to
 * positions by the method's argument names.
 */
public final class Params {
    private final String method;
    private final JsonNode[] values;

    private Params(String method, JsonNode[] values) {
        this.method = method;
        this.values = values;
    }

    /**
     * @param params   the request's {@code params}: an array, an object of named arguments, or null
     * @param argNames the method's arguments in order
     */
    public static Params of(String method, JsonNode params, List<String> argNames) throws RpcError {
        if (params == null || params.isNull()) {
            return new Params(method, new JsonNode[0]);
        }
        if (params.isArray()) {
            if (params.size() > argNames.size()) {
                throw new RpcError(RpcErrorCode.MISC_ERROR, method + " takes at most " + argNames.size()
                        + " arguments " + argNames + ", got " + params.size());
            }
            JsonNode[] values = new JsonNode[params.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = params.get(i);
            }
            return new Params(method, values);
        }
        if (params.isObject()) {
            JsonNode[] values = new JsonNode[argNames.size()];
            var names = params.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                int i = argNames.indexOf(name);
                if (i < 0) {
                    throw RpcError.invalidParameter("Unknown named parameter " + name);
                }
                values[i] = params.get(name);
            }
            return new Params(method, values);
        }
        throw new RpcError(RpcErrorCode.INVALID_REQUEST, "Params must be an array or object");
    }

    /** True when argument {@code i} was given and is not JSON null. */
    public boolean has(int i) {
        return i < values.length && values[i] != null && !values[i].isNull();
    }

    /** The raw argument, or null when absent. */
    public JsonNode get(int i) {
        return has(i) ? values[i] : null;
    }

    public String requiredString(int i, String name) throws RpcError {
        JsonNode v = required(i, name);
        if (!v.isTextual()) {
            throw typeError(v, "string");
        }
        return v.asText();
    }

    /**
     * A 32-byte hash in display hex, checked as Core's {@code ParseHashV}.
     *
     * @return the hex in lower case
     */
    public String requiredHash(int i, String name) throws RpcError {
        String hex = requiredString(i, name);
        if (hex.length() != 64) {
            throw RpcError.invalidParameter(name + " must be of length 64 (not " + hex.length() + ", for '" + hex + "')");
        }
        if (!Hex.isHex(hex, 32)) {
            throw RpcError.invalidParameter(name + " must be hexadecimal string (not '" + hex + "')");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    public long requiredLong(int i, String name) throws RpcError {
        return asLong(required(i, name));
    }

    public long optionalLong(int i, long otherwise) throws RpcError {
        return has(i) ? asLong(values[i]) : otherwise;
    }

    private JsonNode required(int i, String name) throws RpcError {
        if (!has(i)) {
            throw new RpcError(RpcErrorCode.MISC_ERROR, method + ": missing required argument " + (i + 1)
                    + " (" + name + ")");
        }
        return values[i];
    }

    private static long asLong(JsonNode v) throws RpcError {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw typeError(v, "number");
        }
        return v.longValue();
    }

    /** Core's UniValue type error text. */
    public static RpcError typeError(JsonNode v, String expected) {
        return RpcError.typeError("JSON value of type " + typeName(v) + " is not of expected type " + expected);
    }

    private static String typeName(JsonNode v) {
        if (v.isTextual()) return "string";
        if (v.isNumber()) return "number";
        if (v.isBoolean()) return "bool";
        if (v.isArray()) return "array";
        if (v.isObject()) return "object";
        return "null";
    }
}
