package org.tbg.bitcoin.rpc;

/**
 * The node answered without an error, but the result does not have the shape the typed call
 * expects (a missing template field, a hash that is not hex). Indicates an incompatible node.
 */
public final class RpcResponseException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
