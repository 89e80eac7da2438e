package org.tbg.bitcoin.rpc;

/**
 * Told of every JSON-RPC call a {@link JsonRpcClient} made, answered or not (e.g. the pool's
 * {@code ckpool_rpc_duration_seconds}). Runs on the calling thread right after the call: it must
 * be quick and must not throw.
 */
@FunctionalInterface
public interface RpcCallListener {
    RpcCallListener NONE = (node, method, nanos) -> { };

    /**
     * @param node   the endpoint's name (host:port), never its credentials
     * @param method the JSON-RPC method
     * @param nanos  from the request being built to the answer or the failure
     */
    void callFinished(String node, String method, long nanos);
}
