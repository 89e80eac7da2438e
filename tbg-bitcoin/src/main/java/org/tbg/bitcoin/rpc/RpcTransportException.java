package org.tbg.bitcoin.rpc;

/**
 * No usable answer reached us: connection refused, timeout, or an HTTP error without a JSON-RPC
 * error body (e.g. 401, 502). The node may be down or misconfigured; another node may answer.
 */
public final class RpcTransportException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcTransportException(String message) {
        super(message);
    }

    public RpcTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
