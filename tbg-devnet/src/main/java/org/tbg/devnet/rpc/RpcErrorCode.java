package org.tbg.devnet.rpc;

/** Bitcoin Core's JSON-RPC error codes ({@code src/rpc/protocol.h}) that the devnet answers with. */
public final class RpcErrorCode {
    /** Standard JSON-RPC 2.0 codes. */
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int PARSE_ERROR = -32700;
    public static final int INTERNAL_ERROR = -32603;
    /** Core's own: a generic failure, also used for wrong argument counts. */
    public static final int MISC_ERROR = -1;
    /** An argument of the wrong JSON type. */
    public static final int TYPE_ERROR = -3;
    public static final int INVALID_ADDRESS_OR_KEY = -5;
    public static final int INVALID_PARAMETER = -8;
    public static final int DESERIALIZATION_ERROR = -22;

    private RpcErrorCode() {}
}
