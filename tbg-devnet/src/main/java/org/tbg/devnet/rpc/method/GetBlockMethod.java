package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.devnet.chain.Block;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.chain.ChainWork;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcError;
import org.tbg.devnet.rpc.RpcErrorCode;
import org.tbg.devnet.rpc.RpcMethod;

/**
 * {@code getblock HASH [verbosity]}: 0 the block's hex, 1 (default) an object with txids, 2 (or
 * 3) with decoded transactions. A boolean verbosity counts as 0/1, as Core and bcoin accept it.
 */
public final class GetBlockMethod implements RpcMethod {
    public static final String NAME = "getblock";
    public static final List<String> ARGS = List.of("blockhash", "verbosity");

    private final Chain chain;

    public GetBlockMethod(Chain chain) {
        this.chain = chain;
    }

    @Override
    public JsonNode call(Params params) throws RpcError {
        String hash = params.requiredHash(0, "blockhash");
        int verbosity = verbosity(params.get(1));
        ChainEntry entry = chain.byHash(hash);
        if (entry == null) {
            throw new RpcError(RpcErrorCode.INVALID_ADDRESS_OR_KEY, "Block not found");
        }
        if (verbosity <= 0) {
            return TextNode.valueOf(Hex.encode(entry.block().serialize()));
        }
        boolean decode = verbosity >= 2;
        return chain.read(c -> toJson(c, entry, decode)); // one consistent view of tip and successor
    }

    private static int verbosity(JsonNode v) throws RpcError {
        if (v == null) {
            return 1;
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? 1 : 0;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        throw Params.typeError(v, "number");
    }

    private static ObjectNode toJson(Chain chain, ChainEntry entry, boolean decodeTransactions) {
        Block block = entry.block();
        BlockHeader header = block.header();
        ChainEntry tip = chain.tip();
        boolean active = chain.isActive(entry);
        ObjectNode json = Json.NODES.objectNode();
        json.put("hash", entry.hashHex());
        json.put("confirmations", active ? tip.height() - entry.height() + 1 : -1);
        json.put("size", block.size());
        json.put("strippedsize", block.strippedSize());
        json.put("weight", block.weight());
        json.put("height", entry.height());
        json.put("version", header.version());
        json.put("versionHex", String.format("%08x", header.version()));
        json.put("merkleroot", Hex.encode(Bytes.reversed(header.merkleRoot())));
        ArrayNode txs = json.putArray("tx");
        List<Transaction> transactions = block.transactions();
        for (int i = 0; i < transactions.size(); i++) {
            if (decodeTransactions) {
                txs.add(TransactionJson.of(transactions.get(i)));
            } else {
                txs.add(Hex.encode(Bytes.reversed(block.txids().get(i))));
            }
        }
        json.put("time", entry.time());
        json.put("mediantime", entry.medianTimePast());
        json.put("nonce", Integer.toUnsignedLong(header.nonce()));
        json.put("bits", String.format("%08x", header.bits()));
        json.put("difficulty", BlockchainInfoMethod.difficulty(entry));
        json.put("chainwork", ChainWork.hex(entry.chainWork()));
        json.put("nTx", transactions.size());
        if (entry.parent() != null) {
            json.put("previousblockhash", entry.parent().hashHex());
        }
        ChainEntry next = active ? chain.atHeight(entry.height() + 1) : null;
        if (next != null) {
            json.put("nextblockhash", next.hashHex());
        }
        return json;
    }
}
