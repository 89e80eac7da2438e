package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;
import org.tbg.bitcoin.tx.TxOut;
import org.tbg.devnet.rpc.Json;

/** A decoded transaction as Core's {@code getblock HASH 2} shows one (the fields a devnet can know). */
final class TransactionJson {
    private TransactionJson() {}

    static ObjectNode of(Transaction tx) {
        byte[] full = tx.serialize();
        int stripped = tx.serializeWithoutWitness().length;
        long weight = (long) stripped * 3 + full.length;
        ObjectNode json = Json.NODES.objectNode();
        json.put("txid", Hex.encode(Bytes.reversed(tx.txid())));
        json.put("hash", Hex.encode(Bytes.reversed(tx.wtxid())));
        json.put("version", tx.version());
        json.put("size", full.length);
        json.put("vsize", (weight + 3) / 4);
        json.put("weight", weight);
        json.put("locktime", Integer.toUnsignedLong(tx.lockTime()));
        ArrayNode vin = json.putArray("vin");
        for (TxIn in : tx.inputs()) {
            ObjectNode i = vin.addObject();
            if (tx.isCoinbase()) {
                i.put("coinbase", Hex.encode(in.scriptSig()));
            } else {
                i.put("txid", Hex.encode(Bytes.reversed(in.prevTxid())));
                i.put("vout", Integer.toUnsignedLong(in.prevIndex()));
                i.putObject("scriptSig").put("hex", Hex.encode(in.scriptSig()));
            }
            if (in.hasWitness()) {
                ArrayNode witness = i.putArray("txinwitness");
                for (byte[] item : in.witness()) {
                    witness.add(Hex.encode(item));
                }
            }
            i.put("sequence", Integer.toUnsignedLong(in.sequence()));
        }
        ArrayNode vout = json.putArray("vout");
        for (int n = 0; n < tx.outputs().size(); n++) {
            TxOut out = tx.outputs().get(n);
            ObjectNode o = vout.addObject();
            o.put("value", BigDecimal.valueOf(out.value(), 8)); // BTC, exact
            o.put("n", n);
            o.putObject("scriptPubKey").put("hex", Hex.encode(out.script()));
        }
        json.put("hex", Hex.encode(full));
        return json;
    }
}
