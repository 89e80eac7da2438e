package org.tbg.bitcoin.tx;

import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.ByteWriter;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;

/**
 * A transaction, with or without witness data (BIP144). Hashes are in internal byte order;
 * {@code lockTime} is an unsigned 32-bit value held in an int.
 */
public record Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, int lockTime) {
    private static final int SEGWIT_MARKER = 0x00;
    private static final int SEGWIT_FLAG = 0x01;
    /** Smallest serialized input (32 + 4 + 1 + 4) and output (8 + 1): bounds counts before allocating. */
    private static final int MIN_INPUT_SIZE = 41;
    private static final int MIN_OUTPUT_SIZE = 9;

    public Transaction {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** @throws IllegalArgumentException when the bytes are not exactly one well-formed transaction */
    public static Transaction parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        Transaction tx = read(r);
        if (r.remaining() != 0) {
            throw new IllegalArgumentException(r.remaining() + " bytes after the transaction");
        }
        return tx;
    }

    public static Transaction parseHex(String hex) {
        return parse(Hex.decode(hex));
    }

    /** Reads one transaction from {@code r} (e.g. inside a block), leaving the reader after it. */
    public static Transaction read(ByteReader r) {
        int version = r.readInt32LE();
        boolean witness = false;
        if (r.peekByte() == SEGWIT_MARKER) {
            r.readByte();
            int flag = r.readByte();
            if (flag != SEGWIT_FLAG) {
                throw new IllegalArgumentException("unknown segwit flag " + flag);
            }
            witness = true;
        }
        int inputCount = count(r, MIN_INPUT_SIZE, "inputs");
        List<TxIn> inputs = new ArrayList<>(inputCount);
        for (int i = 0; i < inputCount; i++) {
            inputs.add(TxIn.read(r));
        }
        int outputCount = count(r, MIN_OUTPUT_SIZE, "outputs");
        List<TxOut> outputs = new ArrayList<>(outputCount);
        for (int i = 0; i < outputCount; i++) {
            outputs.add(TxOut.read(r));
        }
        if (witness) {
            boolean any = false;
            for (int i = 0; i < inputs.size(); i++) {
                int items = count(r, 1, "witness items");
                List<byte[]> stack = new ArrayList<>(items);
                for (int j = 0; j < items; j++) {
                    stack.add(r.readVarBytes());
                }
                any |= items > 0;
                inputs.set(i, inputs.get(i).withWitness(stack));
            }
            if (!any) {
                throw new IllegalArgumentException("superfluous witness record");
            }
        }
        int lockTime = r.readInt32LE();
        return new Transaction(version, inputs, outputs, lockTime);
    }

    /** BIP144 form when any input has a witness, otherwise the legacy form. */
    public byte[] serialize() {
        return hasWitness() ? serialize(true) : serialize(false);
    }

    public byte[] serializeWithoutWitness() {
        return serialize(false);
    }

    public byte[] txid() {
        return Sha256d.of(serializeWithoutWitness());
    }

    /** Equals {@link #txid()} when there is no witness. */
    public byte[] wtxid() {
        return Sha256d.of(serialize());
    }

    public boolean hasWitness() {
        for (TxIn in : inputs) {
            if (in.hasWitness()) {
                return true;
            }
        }
        return false;
    }

    public boolean isCoinbase() {
        return inputs.size() == 1 && inputs.get(0).spendsNullPrevout();
    }

    @Override
    public String toString() {
        return "Transaction[" + Hex.encode(Bytes.reversed(txid())) + ", version=" + version + ", inputs=" + inputs
                + ", outputs=" + outputs + ", lockTime=" + Integer.toUnsignedString(lockTime) + "]";
    }

    private byte[] serialize(boolean withWitness) {
        ByteWriter w = new ByteWriter();
        w.writeInt32LE(version);
        if (withWitness) {
            w.writeByte(SEGWIT_MARKER).writeByte(SEGWIT_FLAG);
        }
        w.writeCompactSize(inputs.size());
        for (TxIn in : inputs) {
            in.writeTo(w);
        }
        w.writeCompactSize(outputs.size());
        for (TxOut out : outputs) {
            out.writeTo(w);
        }
        if (withWitness) {
            for (TxIn in : inputs) {
                in.writeWitnessTo(w);
            }
        }
        return w.writeInt32LE(lockTime).toByteArray();
    }

    private static int count(ByteReader r, int minItemSize, String what) {
        long n = r.readCompactSize();
        if (n < 0 || n > r.remaining() / minItemSize) {
            throw new IllegalArgumentException(what + " count " + Long.toUnsignedString(n) + " exceeds the remaining "
                    + r.remaining() + " bytes");
        }
        return (int) n;
    }
}
