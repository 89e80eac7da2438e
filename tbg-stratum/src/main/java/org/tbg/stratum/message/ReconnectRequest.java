package org.tbg.stratum.message;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The params of {@code client.reconnect}: {@code [host, port, wait_seconds]}, each optional. A
 * null field means "same as now" (wait: none); so does a field the client cannot read.
 */
public record ReconnectRequest(String host, Integer port, Integer waitSeconds) {

    /** Reads the params leniently: a pool that sends odd values still gets reconnected to. */
    public static ReconnectRequest fromParams(JsonNode params) {
        JsonNode host = params.path(0);
        return new ReconnectRequest(host.isTextual() && !host.textValue().isEmpty() ? host.textValue() : null,
                integer(params.path(1)), integer(params.path(2)));
    }

    /** A number or a string: pools send ports and waits both ways (ckpool does both). */
    private static Integer integer(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual()) {
            try {
                return Integer.valueOf(n.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
