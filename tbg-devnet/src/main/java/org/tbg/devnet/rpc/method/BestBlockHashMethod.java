package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcMethod;

/** {@code getbestblockhash}: the tip's hash, display hex. */
public final class BestBlockHashMethod implements RpcMethod {
    public static final String NAME = "getbestblockhash";
    public static final List<String> ARGS = List.of();

    private final Chain chain;

    public BestBlockHashMethod(Chain chain) {
        this.chain = chain;
    }

    @Override
    public JsonNode call(Params params) {
        return TextNode.valueOf(chain.tip().hashHex());
    }
}
