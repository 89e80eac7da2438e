package org.tbg.devnet.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request body into a reply the way Bitcoin Core's HTTP RPC server does.
 *
 * <p>Legacy requests (no {@code "jsonrpc"} or {@code "1.0"}) get {@code {"result","error","id"}};
 * an error sets HTTP 500, or 404 for an unknown method and 400 for an invalid request. Requests
 * marked {@code "jsonrpc":"2.0"} get JSON-RPC 2.0 replies with HTTP 200 (Core 28 and later).
 * A JSON array is a batch: one reply per element, HTTP 200.
 */
public final class JsonRpcDispatcher {
    private static final Logger log = LoggerFactory.getLogger(JsonRpcDispatcher.class);

    private final RpcMethods methods;

    public JsonRpcDispatcher(RpcMethods methods) {
        this.methods = methods;
    }

    public RpcReply handle(byte[] body) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !(request.isObject() || request.isArray())) {
            ObjectNode reply = legacyError(NullNode.getInstance(), RpcErrorCode.PARSE_ERROR, "Parse error");
            return new RpcReply(500, bytes(reply));
        }
        if (request.isArray()) {
            ArrayNode replies = Json.NODES.arrayNode();
            for (JsonNode element : request) {
                Handled h = handleOne(element);
                if (h.reply != null) {
                    replies.add(h.reply);
                }
            }
            return new RpcReply(200, bytes(replies));
        }
        Handled h = handleOne(request);
        return h.reply == null ? new RpcReply(204, new byte[0]) : new RpcReply(h.status, bytes(h.reply));
    }

    /** A reply object (null for a 2.0 notification) and the HTTP status a lone request would get. */
    private record Handled(ObjectNode reply, int status) {}

    private Handled handleOne(JsonNode request) {
        if (!request.isObject()) {
            return new Handled(legacyError(NullNode.getInstance(), RpcErrorCode.INVALID_REQUEST,
                    "Invalid Request object"), 400);
        }
        JsonNode id = request.has("id") ? request.get("id") : NullNode.getInstance();
        JsonNode version = request.get("jsonrpc");
        boolean v2 = version != null && version.isTextual() && version.asText().equals("2.0");
        boolean notification = v2 && !request.has("id");
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            return error(v2, id, RpcErrorCode.INVALID_REQUEST,
                    method == null ? "Missing method" : "Method must be a string", 400);
        }
        try {
            JsonNode result = methods.call(method.asText(), request.get("params"));
            if (notification) {
                return new Handled(null, 204);
            }
            ObjectNode reply = Json.NODES.objectNode();
            if (v2) {
                reply.put("jsonrpc", "2.0");
                reply.set("result", result);
            } else {
                reply.set("result", result);
                reply.putNull("error");
            }
            reply.set("id", id);
            return new Handled(reply, 200);
        } catch (RpcError e) {
            if (notification) {
                return new Handled(null, 204);
            }
            int status = e.code() == RpcErrorCode.METHOD_NOT_FOUND ? 404
                    : e.code() == RpcErrorCode.INVALID_REQUEST ? 400 : 500;
            return error(v2, id, e.code(), e.getMessage(), status);
        } catch (RuntimeException e) {
            log.error("RPC {} failed", method.asText(), e);
            return error(v2, id, RpcErrorCode.INTERNAL_ERROR, "Internal error: " + e.getMessage(), 500);
        }
    }

    private static Handled error(boolean v2, JsonNode id, int code, String message, int legacyStatus) {
        if (!v2) {
            return new Handled(legacyError(id, code, message), legacyStatus);
        }
        ObjectNode reply = Json.NODES.objectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("error", errorObject(code, message));
        reply.set("id", id);
        return new Handled(reply, 200);
    }

    private static ObjectNode legacyError(JsonNode id, int code, String message) {
        ObjectNode reply = Json.NODES.objectNode();
        reply.putNull("result");
        reply.set("error", errorObject(code, message));
        reply.set("id", id);
        return reply;
    }

    private static ObjectNode errorObject(int code, String message) {
        ObjectNode error = Json.NODES.objectNode();
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
