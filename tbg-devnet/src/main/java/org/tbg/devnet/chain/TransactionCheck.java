package org.tbg.devnet.chain;

import java.util.HashSet;
import java.util.Set;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;
import org.tbg.bitcoin.tx.TxOut;

/** Core's context-free transaction checks ({@code CheckTransaction}), in Core's order and words. */
public final class TransactionCheck {
    private TransactionCheck() {}

    /** @return null when the transaction passes */
    public static BlockRejection check(Transaction tx) {
        if (tx.inputs().isEmpty()) {
            return reject("bad-txns-vin-empty", tx, "no inputs");
        }
        if (tx.outputs().isEmpty()) {
            return reject("bad-txns-vout-empty", tx, "no outputs");
        }
        int stripped = tx.serializeWithoutWitness().length;
        if ((long) stripped * ConsensusLimits.WITNESS_SCALE_FACTOR > ConsensusLimits.MAX_BLOCK_WEIGHT) {
            return reject("bad-txns-oversize", tx, stripped + " bytes without witness");
        }
        long total = 0;
        for (TxOut out : tx.outputs()) {
            if (out.value() < 0) {
                return reject("bad-txns-vout-negative", tx, "output of " + out.value());
            }
            if (out.value() > ConsensusLimits.MAX_MONEY) {
                return reject("bad-txns-vout-toolarge", tx, "output of " + out.value());
            }
            total += out.value();
            if (total > ConsensusLimits.MAX_MONEY) {
                return reject("bad-txns-txouttotal-toolarge", tx, "outputs total over " + ConsensusLimits.MAX_MONEY);
            }
        }
        Set<String> outpoints = new HashSet<>();
        for (TxIn in : tx.inputs()) {
            if (!outpoints.add(Hex.encode(in.prevTxid()) + ":" + in.prevIndex())) {
                return reject("bad-txns-inputs-duplicate", tx, "an outpoint is spent twice");
            }
        }
        if (tx.isCoinbase()) {
            int length = tx.inputs().get(0).scriptSig().length;
            if (length < ConsensusLimits.MIN_COINBASE_SCRIPT_SIG || length > ConsensusLimits.MAX_COINBASE_SCRIPT_SIG) {
                return reject("bad-cb-length", tx, "coinbase scriptSig of " + length + " bytes, allowed "
                        + ConsensusLimits.MIN_COINBASE_SCRIPT_SIG + "–" + ConsensusLimits.MAX_COINBASE_SCRIPT_SIG);
            }
        } else {
            for (TxIn in : tx.inputs()) {
                if (in.spendsNullPrevout()) {
                    return reject("bad-txns-prevout-null", tx, "a non-coinbase input spends the null outpoint");
                }
            }
        }
        return null;
    }

    private static BlockRejection reject(String reason, Transaction tx, String detail) {
        // Core reports a transaction failure inside CheckBlock as a consensus failure of the block,
        // but the block never enters the index: submitting it again gives the same answer.
        return BlockRejection.of(reason, "transaction check failed (tx " + Hex.encode(Bytes.reversed(tx.txid()))
                + "): " + detail);
    }
}
