package org.tbg.bitcoin.rpc;

import static org.tbg.bitcoin.rpc.JsonFields.required;
import static org.tbg.bitcoin.rpc.JsonFields.requiredLong;
import static org.tbg.bitcoin.rpc.JsonFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import org.tbg.bitcoin.encoding.Hex;

/**
 * The parts of {@code getblockchaininfo} the pool uses.
 *
 * @param chain                 {@code main}, {@code test}, {@code regtest}, …
 * @param blocks                height of the best validated block
 * @param bestBlockHash         display (RPC) order hex
 * @param difficulty            of the best block
 * @param initialBlockDownload  true while the node is syncing; bcoin 1.0.2 omits the field (false)
 */
public record ChainInfo(String chain, long blocks, String bestBlockHash, double difficulty, boolean initialBlockDownload) {

    /** @throws IllegalArgumentException naming the first missing or malformed field */
    public static ChainInfo fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("blockchain info is not a JSON object");
        }
        String best = requiredText(json, "bestblockhash");
        if (!Hex.isHex(best, 32)) {
            throw new IllegalArgumentException("field 'bestblockhash' is not a 32-byte hex hash: " + best);
        }
        JsonNode difficulty = required(json, "difficulty");
        if (!difficulty.isNumber()) {
            throw new IllegalArgumentException("field 'difficulty' is not a number: " + difficulty);
        }
        JsonNode ibd = json.get("initialblockdownload");
        return new ChainInfo(
                requiredText(json, "chain"),
                requiredLong(json, "blocks"),
                best,
                difficulty.doubleValue(),
                ibd != null && ibd.asBoolean(false));
    }
}
