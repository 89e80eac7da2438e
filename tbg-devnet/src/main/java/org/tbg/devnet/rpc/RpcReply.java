package org.tbg.devnet.rpc;

/**
 * What the HTTP layer sends back for a JSON-RPC request.
 *
 * @param httpStatus Core's status: 200, or for a legacy (JSON-RPC 1.0) error 500, 404 (unknown
 *                   method) or 400 (invalid request); 204 for a JSON-RPC 2.0 notification
 * @param body       UTF-8 JSON, empty for 204
 */
public record RpcReply(int httpStatus, byte[] body) {}
