package org.tbg.bitcoin.coinbase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.encoding.ByteWriter;
import org.tbg.bitcoin.script.ScriptNumber;
import org.tbg.bitcoin.tx.TxOut;

/**
 * Builds the solo-mining coinbase and splits it around the extranonce. Layout:
 * version 1 · one input (null prevout, scriptSig = BIP34 height ‖ push(tag) ‖ push-opcode(extranonce
 * length) ‖ extranonce1 ‖ extranonce2, sequence 0xffffffff) · the outputs in the order added · the
 * witness commitment output last when set · lock time 0.
 *
 * <p>Version 1, as ckpool writes it: a coinbase's version has no effect (BIP68 relative lock times
 * never apply to it), and keeping ckpool's bytes keeps the output recognizable to the tools that
 * already read this pool's blocks.
 *
 * <p>Not thread-safe; one builder per coinbase.
 */
public final class CoinbaseBuilder {
    public static final int VERSION = 1;
    /**
     * Consensus allows a coinbase scriptSig of 2–100 bytes (bad-cb-length). The lower bound always
     * holds here: height push (1+) + extranonce push opcode (1) + extranonce (1+).
     */
    public static final int MAX_SCRIPT_SIG = 100;
    private static final long MAX_MONEY = 21_000_000L * 100_000_000L;
    private static final int FINAL_SEQUENCE = 0xffffffff;
    private static final int NULL_INDEX = 0xffffffff;

    private long height = -1;
    private byte[] tag = new byte[0];
    private int extranonce1Length = -1;
    private int extranonce2Length = -1;
    private final List<TxOut> outputs = new ArrayList<>();
    private byte[] witnessCommitment;

    public CoinbaseBuilder height(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("negative height " + height);
        }
        this.height = height;
        return this;
    }

    /** Pool signature and optional miner signature, already concatenated; truncated to fit if needed. */
    public CoinbaseBuilder tag(byte[] text) {
        this.tag = text.clone();
        return this;
    }

    public CoinbaseBuilder extranonceLengths(int extranonce1, int extranonce2) {
        if (extranonce1 < 0 || extranonce2 < 0 || extranonce1 + extranonce2 < 1
                || extranonce1 + extranonce2 >= ScriptNumber.OP_PUSHDATA1) {
            throw new IllegalArgumentException("extranonce lengths " + extranonce1 + "+" + extranonce2
                    + " must total 1.." + (ScriptNumber.OP_PUSHDATA1 - 1) + " bytes");
        }
        this.extranonce1Length = extranonce1;
        this.extranonce2Length = extranonce2;
        return this;
    }

    public CoinbaseBuilder addOutput(TxOut output) {
        if (output.value() < 0 || output.value() > MAX_MONEY) {
            throw new IllegalArgumentException("output value out of range: " + output.value());
        }
        outputs.add(output);
        return this;
    }

    /** The 32-byte BIP141 commitment (not the script), or null for a block without witness data. */
    public CoinbaseBuilder witnessCommitment(byte[] commitment) {
        if (commitment != null && commitment.length != 32) {
            throw new IllegalArgumentException("witness commitment must be 32 bytes, got " + commitment.length);
        }
        this.witnessCommitment = commitment == null ? null : commitment.clone();
        return this;
    }

    /**
     * @throws IllegalStateException when height, extranonce lengths or outputs are missing
     * @throws IllegalArgumentException when height and extranonce alone exceed 100 bytes of scriptSig
     */
    public CoinbaseParts build() {
        if (height < 0) {
            throw new IllegalStateException("height not set");
        }
        if (extranonce1Length < 0) {
            throw new IllegalStateException("extranonce lengths not set");
        }
        if (outputs.isEmpty()) {
            throw new IllegalStateException("no outputs");
        }
        int extranonceLength = extranonce1Length + extranonce2Length;
        byte[] heightPush = ScriptNumber.bip34HeightPush(height);
        int fixed = heightPush.length + 1 + extranonceLength;
        if (fixed > MAX_SCRIPT_SIG) {
            throw new IllegalArgumentException("height and extranonce need " + fixed + " bytes of scriptSig, over "
                    + MAX_SCRIPT_SIG);
        }
        byte[] tagPush = tagPush(MAX_SCRIPT_SIG - fixed);
        int scriptSigLength = fixed + tagPush.length;

        ByteWriter head = new ByteWriter(64 + scriptSigLength);
        head.writeInt32LE(VERSION)
                .writeCompactSize(1)
                .writeBytes(new byte[32]).writeInt32LE(NULL_INDEX)
                .writeCompactSize(scriptSigLength)
                .writeBytes(heightPush).writeBytes(tagPush).writeByte(extranonceLength);

        ByteWriter tail = new ByteWriter(256);
        tail.writeInt32LE(FINAL_SEQUENCE);
        tail.writeCompactSize(outputs.size() + (witnessCommitment != null ? 1 : 0));
        for (TxOut out : outputs) {
            out.writeTo(tail);
        }
        if (witnessCommitment != null) {
            new TxOut(0, WitnessCommitment.script(witnessCommitment)).writeTo(tail);
        }
        tail.writeInt32LE(0); // lock time
        return new CoinbaseParts(head.toByteArray(), tail.toByteArray(), extranonce1Length, extranonce2Length,
                witnessCommitment != null);
    }

    /** The tag's push, cut to fit {@code room} bytes (its push opcode included); empty when nothing fits. */
    private byte[] tagPush(int room) {
        int n = tag.length;
        while (n > 0 && ScriptNumber.pushHeaderLength(n) + n > room) {
            n--;
        }
        return n == 0 ? new byte[0] : ScriptNumber.pushData(Arrays.copyOf(tag, n));
    }
}
