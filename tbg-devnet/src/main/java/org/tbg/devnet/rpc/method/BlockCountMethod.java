package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcMethod;

/** {@code getblockcount}: the tip's height. */
public final class BlockCountMethod implements RpcMethod {
    public static final String NAME = "getblockcount";
    public static final List<String> ARGS = List.of();

    private final Chain chain;

    public BlockCountMethod(Chain chain) {
        this.chain = chain;
    }

    @Override
    public JsonNode call(Params params) {
        return IntNode.valueOf(chain.height());
    }
}
