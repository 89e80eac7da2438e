package org.tbg.devnet.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method. Called on an RPC worker thread, possibly several at once. */
@FunctionalInterface
public interface RpcMethod {
    /** @return the result ({@code NullNode} for a JSON null) */
    JsonNode call(Params params) throws RpcError;
}
