package org.tbg.devnet.rpc;

/**
 * A JSON-RPC error answer: Core's code and message. An expected outcome of a request, so it
 * carries no stack trace.
 */
public final class RpcError extends Exception {
    private final int code;

    public RpcError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RpcError invalidParameter(String message) {
        return new RpcError(RpcErrorCode.INVALID_PARAMETER, message);
    }

    public static RpcError typeError(String message) {
        return new RpcError(RpcErrorCode.TYPE_ERROR, message);
    }
}
