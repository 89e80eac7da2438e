package org.tbg.stratum.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * One well-formed client → pool line.
 *
 * @param rawId  the id's JSON text exactly as the client sent it ({@code 1}, {@code "abc"},
 *               {@code null}); {@code "null"} when the line had no id. Replies write it back verbatim.
 * @param method the method name, e.g. {@code mining.submit}
 * @param params always an {@link ArrayNode}; empty when the line had no params
 */
public record StratumRequest(String rawId, String method, JsonNode params) implements ClientLine {

    private static final ArrayNode NO_PARAMS = JsonNodeFactory.instance.arrayNode();

    public StratumRequest {
        Objects.requireNonNull(rawId, "rawId");
        Objects.requireNonNull(method, "method");
        if (params == null) {
            params = NO_PARAMS;
        } else if (!params.isArray()) {
            throw new IllegalArgumentException("params must be a JSON array, got " + params.getNodeType());
        }
    }

    public int paramCount() {
        return params.size();
    }

    /** The i-th param when it is a JSON string; null when absent or of another type. */
    public String stringParam(int i) {
        JsonNode p = params.get(i);
        return p != null && p.isTextual() ? p.textValue() : null;
    }

    /** True when the client sent an id other than JSON null (a request rather than a notification). */
    public boolean hasId() {
        return !"null".equals(rawId);
    }
}
