package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.devnet.chain.Block;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.CoinbaseWitnessFill;
import org.tbg.devnet.chain.SubmitOutcome;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcError;
import org.tbg.devnet.rpc.RpcErrorCode;
import org.tbg.devnet.rpc.RpcMethod;

/**
 * {@code submitblock HEX}: null when the block became the tip, otherwise Core's string
 * ({@code duplicate}, {@code inconclusive}, or the reject reason). Bytes that are not a block are
 * an error {@code -22 "Block decode failed"}, and a block that does not start with a coinbase
 * {@code -22 "Block does not start with a coinbase"}, both before any validation, as in Core.
 */
public final class SubmitBlockMethod implements RpcMethod {
    public static final String NAME = "submitblock";
    public static final List<String> ARGS = List.of("hexdata", "dummy");

    private final Chain chain;

    public SubmitBlockMethod(Chain chain) {
        this.chain = chain;
    }

    @Override
    public JsonNode call(Params params) throws RpcError {
        String hex = params.requiredString(0, "hexdata");
        Block block;
        try {
            block = Block.parse(Hex.decode(hex));
        } catch (IllegalArgumentException e) {
            throw new RpcError(RpcErrorCode.DESERIALIZATION_ERROR, "Block decode failed");
        }
        if (block.transactions().isEmpty() || !block.transactions().get(0).isCoinbase()) {
            throw new RpcError(RpcErrorCode.DESERIALIZATION_ERROR, "Block does not start with a coinbase");
        }
        SubmitOutcome outcome = chain.submit(CoinbaseWitnessFill.apply(block));
        String result = outcome.rpcResult();
        return result == null ? NullNode.getInstance() : TextNode.valueOf(result);
    }
}
