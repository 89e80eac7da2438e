package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.mempool.Mempool;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcMethod;

/** {@code getmininginfo}: height, difficulty, mempool size; {@code networkhashps} from the last blocks' times. */
public final class MiningInfoMethod implements RpcMethod {
    public static final String NAME = "getmininginfo";
    public static final List<String> ARGS = List.of();

    /** Core's default window for networkhashps (its {@code nblocks} argument is 120). */
    private static final int HASHPS_WINDOW = 120;

    private final Chain chain;
    private final Mempool mempool;

    public MiningInfoMethod(Chain chain, Mempool mempool) {
        this.chain = chain;
        this.mempool = mempool;
    }

    @Override
    public JsonNode call(Params params) {
        ChainEntry tip = chain.tip();
        ObjectNode json = Json.NODES.objectNode();
        json.put("blocks", tip.height());
        json.put("currentblockweight", tip.block().weight());
        json.put("currentblocktx", tip.block().transactions().size() - 1);
        json.put("bits", String.format("%08x", chain.bits()));
        json.put("difficulty", BlockchainInfoMethod.difficulty(tip));
        json.put("networkhashps", networkHashesPerSecond(tip));
        json.put("pooledtx", mempool.size());
        json.put("chain", "regtest");
        json.putArray("warnings");
        return json;
    }

    /** Work done over the window divided by the time it spanned, as Core's {@code GetNetworkHashPS}. */
    private static double networkHashesPerSecond(ChainEntry tip) {
        int start = Math.max(0, tip.height() - HASHPS_WINDOW);
        if (start == tip.height()) {
            return 0;
        }
        ChainEntry first = tip.ancestor(start);
        long seconds = tip.time() - first.time();
        if (seconds <= 0) {
            return 0;
        }
        return tip.chainWork().subtract(first.chainWork()).doubleValue() / seconds;
    }
}
