package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcError;
import org.tbg.devnet.rpc.RpcMethod;

/** {@code getblockhash HEIGHT}: the active chain's block at a height; -8 when out of range. */
public final class BlockHashMethod implements RpcMethod {
    public static final String NAME = "getblockhash";
    public static final List<String> ARGS = List.of("height");

    private final Chain chain;

    public BlockHashMethod(Chain chain) {
        this.chain = chain;
    }

    @Override
    public JsonNode call(Params params) throws RpcError {
        long height = params.requiredLong(0, "height");
        ChainEntry entry = height < 0 || height > Integer.MAX_VALUE ? null : chain.atHeight((int) height);
        if (entry == null) {
            throw RpcError.invalidParameter("Block height out of range");
        }
        return TextNode.valueOf(entry.hashHex());
    }
}
