package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tbg.bitcoin.target.Target;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.chain.ChainWork;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcMethod;

/** {@code getblockchaininfo}: the fields Core reports for a synced regtest node. */
public final class BlockchainInfoMethod implements RpcMethod {
    public static final String NAME = "getblockchaininfo";
    public static final List<String> ARGS = List.of();

    private final Chain chain;

    public BlockchainInfoMethod(Chain chain) {
        this.chain = chain;
    }

    @Override
    public JsonNode call(Params params) {
        ChainEntry tip = chain.tip();
        ObjectNode info = Json.NODES.objectNode();
        info.put("chain", "regtest");
        info.put("blocks", tip.height());
        info.put("headers", tip.height());
        info.put("bestblockhash", tip.hashHex());
        info.put("bits", String.format("%08x", tip.header().bits()));
        info.put("target", Target.fromBits(Integer.toUnsignedLong(tip.header().bits())).toString());
        info.put("difficulty", difficulty(tip));
        info.put("time", tip.time());
        info.put("mediantime", tip.medianTimePast());
        info.put("verificationprogress", 1.0);
        info.put("initialblockdownload", false);
        info.put("chainwork", ChainWork.hex(tip.chainWork()));
        info.put("size_on_disk", 0);
        info.put("pruned", false);
        info.putArray("warnings"); // an array since Core 28
        return info;
    }

    /** Difficulty of a block's bits (pdiff: difficulty 1 is 0xffff·2^208). */
    static double difficulty(ChainEntry entry) {
        return Target.fromBits(Integer.toUnsignedLong(entry.header().bits())).difficulty();
    }
}
