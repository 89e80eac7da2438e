package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.devnet.chain.ConsensusLimits;
import org.tbg.devnet.mempool.MempoolEntry;
import org.tbg.devnet.mining.Template;
import org.tbg.devnet.mining.TemplateBuilder;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcError;
import org.tbg.devnet.rpc.RpcMethod;

/**
 * {@code getblocktemplate {"rules":["segwit"]}} with Core's fields (BIP22/23/145). Like Core it
 * refuses a request without the segwit rule. A {@code longpollid} is accepted but not waited on:
 * the current template comes back at once.
 */
public final class BlockTemplateMethod implements RpcMethod {
    public static final String NAME = "getblocktemplate";
    public static final List<String> ARGS = List.of("template_request");

    private static final String NONCE_RANGE = "00000000ffffffff";

    private final TemplateBuilder templates;

    public BlockTemplateMethod(TemplateBuilder templates) {
        this.templates = templates;
    }

    @Override
    public JsonNode call(Params params) throws RpcError {
        JsonNode request = params.get(0);
        if (request != null && !request.isObject()) {
            throw Params.typeError(request, "object");
        }
        String mode = request == null || !request.hasNonNull("mode") ? "template" : request.get("mode").asText();
        if (!mode.equals("template")) {
            throw RpcError.invalidParameter("Invalid mode");
        }
        if (!requestsSegwit(request)) {
            throw RpcError.invalidParameter(
                    "getblocktemplate must be called with the segwit rule set (call with {\"rules\": [\"segwit\"]})");
        }
        return toJson(templates.build());
    }

    private static boolean requestsSegwit(JsonNode request) {
        JsonNode rules = request == null ? null : request.get("rules");
        if (rules == null || !rules.isArray()) {
            return false;
        }
        for (JsonNode rule : rules) {
            if (rule.isTextual() && rule.asText().equals("segwit")) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode toJson(Template t) {
        ObjectNode json = Json.NODES.objectNode();
        json.putArray("capabilities").add("proposal");
        json.put("version", t.version());
        json.putArray("rules").add("csv").add("!segwit").add("taproot");
        json.putObject("vbavailable");
        json.put("vbrequired", 0);
        json.put("previousblockhash", t.parent().hashHex());
        ArrayNode txs = json.putArray("transactions");
        for (MempoolEntry e : t.transactions()) {
            ObjectNode tx = txs.addObject();
            tx.put("data", Hex.encode(e.data()));
            tx.put("txid", e.txidHex());
            tx.put("hash", Hex.encode(Bytes.reversed(e.wtxid())));
            tx.putArray("depends");
            tx.put("fee", e.fee());
            tx.put("sigops", e.sigOpCost());
            tx.put("weight", e.weight());
        }
        json.putObject("coinbaseaux");
        json.put("coinbasevalue", t.coinbaseValue());
        json.put("longpollid", t.longPollId());
        json.put("target", t.target().toString());
        json.put("mintime", t.minTime());
        json.putArray("mutable").add("time").add("transactions").add("prevblock");
        json.put("noncerange", NONCE_RANGE);
        json.put("sigoplimit", ConsensusLimits.MAX_BLOCK_SIGOPS_COST);
        json.put("sizelimit", ConsensusLimits.MAX_BLOCK_WEIGHT);
        json.put("weightlimit", ConsensusLimits.MAX_BLOCK_WEIGHT);
        json.put("curtime", t.curTime());
        json.put("bits", String.format("%08x", t.bits()));
        json.put("height", t.height());
        json.put("default_witness_commitment", Hex.encode(t.witnessCommitmentScript()));
        return json;
    }
}
