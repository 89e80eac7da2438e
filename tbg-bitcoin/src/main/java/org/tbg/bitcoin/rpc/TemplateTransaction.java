package org.tbg.bitcoin.rpc;

import static org.tbg.bitcoin.rpc.JsonFields.requiredHash;
import static org.tbg.bitcoin.rpc.JsonFields.requiredHex;
import static org.tbg.bitcoin.rpc.JsonFields.requiredLong;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a block template's {@code transactions}. Arrays are not copied; treat them as
 * read-only.
 *
 * @param data    the transaction serialized as it goes into the block (with witness if any)
 * @param txid    internal byte order
 * @param wtxid   internal byte order (the template's {@code hash} field; equals txid without witness)
 * @param fee     satoshis
 * @param weight  BIP141 weight units
 * @param depends 1-based indexes of earlier template transactions this one spends
 */
public record TemplateTransaction(byte[] data, byte[] txid, byte[] wtxid, long fee, long weight, List<Integer> depends) {

    public TemplateTransaction {
        depends = List.copyOf(depends);
    }

    /** @throws IllegalArgumentException naming the first missing or malformed field */
    public static TemplateTransaction fromJson(JsonNode json) {
        byte[] txid = requiredHash(json, "txid");
        // "hash" is the wtxid since segwit; a node that predates it sends none.
        byte[] wtxid = json.hasNonNull("hash") ? requiredHash(json, "hash") : txid;
        List<Integer> depends = new ArrayList<>();
        JsonNode dependsJson = json.get("depends");
        if (dependsJson != null && !dependsJson.isNull()) {
            for (JsonNode d : dependsJson) {
                if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 1) {
                    throw new IllegalArgumentException("field 'depends' has an invalid index: " + d);
                }
                depends.add(d.intValue());
            }
        }
        return new TemplateTransaction(
                requiredHex(json, "data"),
                txid,
                wtxid,
                requiredLong(json, "fee"),
                requiredLong(json, "weight"),
                depends);
    }
}
