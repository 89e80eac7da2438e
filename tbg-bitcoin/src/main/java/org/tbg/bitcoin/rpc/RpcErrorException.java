package org.tbg.bitcoin.rpc;

/**
 * The node answered with a JSON-RPC error object. Definitive: asking another node the same
 * question would not help, so failover does not retry it.
 */
public final class RpcErrorException extends RpcException {
    private static final long serialVersionUID = 1L;

    /** Used when the node's error object carries no numeric code. */
    public static final int NO_CODE = 0;

    private final int code;
    private final String nodeMessage;

    public RpcErrorException(String node, String method, int code, String nodeMessage) {
        super(node + " " + method + ": error " + code + ": " + nodeMessage);
        this.code = code;
        this.nodeMessage = nodeMessage;
    }

    /** The JSON-RPC error code, e.g. -32601 for an unknown method; {@link #NO_CODE} when absent. */
    public int code() {
        return code;
    }

    /** The node's error message as sent, without our prefix. */
    public String nodeMessage() {
        return nodeMessage;
    }
}
