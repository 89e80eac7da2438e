package org.tbg.devnet.mempool;

import java.util.Arrays;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.tx.Transaction;

/**
 * An unconfirmed transaction with what a block template says about it. Arrays are internal byte
 * order and not copied on access: treat them as read-only.
 *
 * @param data       serialized as a block carries it (BIP144 form when it has a witness)
 * @param txid       hash of the serialization without witness
 * @param wtxid      hash of {@code data}
 * @param fee        satoshis
 * @param weight     BIP141 weight units
 * @param sigOpCost  Core's sigop cost (legacy sigops × 4 plus witness sigops)
 */
public record MempoolEntry(byte[] data, byte[] txid, byte[] wtxid, long fee, long weight, int sigOpCost) {

    public static MempoolEntry of(Transaction tx, long fee, int sigOpCost) {
        byte[] data = tx.serialize();
        int stripped = tx.serializeWithoutWitness().length;
        long weight = (long) stripped * 3 + data.length;
        return new MempoolEntry(data, tx.txid(), tx.wtxid(), fee, weight, sigOpCost);
    }

    /** Virtual size, weight / 4 rounded up. */
    public long vsize() {
        return (weight + 3) / 4;
    }

    /** Satoshis per virtual byte. */
    public double feeRate() {
        return (double) fee / vsize();
    }

    public boolean hasWitness() {
        return !Arrays.equals(txid, wtxid);
    }

    public String txidHex() {
        return Hex.encode(Bytes.reversed(txid));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MempoolEntry e && Arrays.equals(e.data, data) && e.fee == fee;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(txid);
    }

    @Override
    public String toString() {
        return "MempoolEntry[" + txidHex() + ", fee=" + fee + ", weight=" + weight + "]";
    }
}
