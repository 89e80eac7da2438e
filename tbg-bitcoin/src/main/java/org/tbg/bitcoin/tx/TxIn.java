package org.tbg.bitcoin.tx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.ByteWriter;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

/**
 * A transaction input. {@code prevTxid} is in internal byte order; {@code prevIndex} and
 * {@code sequence} are unsigned 32-bit values held in an int (0xffffffff is -1).
 * {@code witness} is the input's witness stack, empty when it has none.
 */
public record TxIn(byte[] prevTxid, int prevIndex, byte[] scriptSig, int sequence, List<byte[]> witness) {
    public TxIn {
        if (prevTxid.length != 32) {
            throw new IllegalArgumentException("prevTxid must be 32 bytes, got " + prevTxid.length);
        }
        prevTxid = prevTxid.clone();
        scriptSig = scriptSig.clone();
        witness = copy(witness);
    }

    @Override
    public byte[] prevTxid() {
        return prevTxid.clone();
    }

    @Override
    public byte[] scriptSig() {
        return scriptSig.clone();
    }

    /** An unmodifiable list of copies. */
    @Override
    public List<byte[]> witness() {
        return copy(witness);
    }

    public boolean hasWitness() {
        return !witness.isEmpty();
    }

    /** True for the null prevout a coinbase spends: 32 zero bytes, index 0xffffffff. */
    public boolean spendsNullPrevout() {
        return prevIndex == -1 && Arrays.equals(prevTxid, new byte[32]);
    }

    /** The input without its witness, as the txid serialization carries it. */
    public void writeTo(ByteWriter w) {
        w.writeBytes(prevTxid).writeInt32LE(prevIndex).writeVarBytes(scriptSig).writeInt32LE(sequence);
    }

    /** The witness stack: item count then each item with its length. */
    public void writeWitnessTo(ByteWriter w) {
        w.writeCompactSize(witness.size());
        for (byte[] item : witness) {
            w.writeVarBytes(item);
        }
    }

    public TxIn withWitness(List<byte[]> stack) {
        return new TxIn(prevTxid, prevIndex, scriptSig, sequence, stack);
    }

    /** Reads the non-witness part; the witness comes later in BIP144 form. */
    public static TxIn read(ByteReader r) {
        byte[] prevTxid = r.readBytes(32);
        int prevIndex = r.readInt32LE();
        byte[] scriptSig = r.readVarBytes();
        int sequence = r.readInt32LE();
        return new TxIn(prevTxid, prevIndex, scriptSig, sequence, List.of());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TxIn t) || t.prevIndex != prevIndex || t.sequence != sequence
                || !Arrays.equals(t.prevTxid, prevTxid) || !Arrays.equals(t.scriptSig, scriptSig)
                || t.witness.size() != witness.size()) {
            return false;
        }
        for (int i = 0; i < witness.size(); i++) {
            if (!Arrays.equals(t.witness.get(i), witness.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(prevTxid) * 31 + prevIndex;
        h = h * 31 + Arrays.hashCode(scriptSig);
        h = h * 31 + sequence;
        for (byte[] item : witness) {
            h = h * 31 + Arrays.hashCode(item);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TxIn[")
                .append(Hex.encode(Bytes.reversed(prevTxid))).append(':').append(Integer.toUnsignedString(prevIndex))
                .append(", scriptSig=").append(Hex.encode(scriptSig))
                .append(", sequence=").append(Integer.toHexString(sequence));
        if (!witness.isEmpty()) {
            sb.append(", witness=[");
            for (int i = 0; i < witness.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(Hex.encode(witness.get(i)));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    private static List<byte[]> copy(List<byte[]> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(items.size());
        for (byte[] item : items) {
            out.add(item.clone());
        }
        return Collections.unmodifiableList(out);
    }
}
