package org.tbg.bitcoin.rpc;

/**
 * A JSON-RPC call did not produce a result. The two subclasses tell the caller what to do next:
 * {@link RpcTransportException} (the node may be down: another node may answer) and
 * {@link RpcErrorException} (the node answered with an error: definitive).
 */
public class RpcException extends Exception {
    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
