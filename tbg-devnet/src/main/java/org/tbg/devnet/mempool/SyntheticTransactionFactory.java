package org.tbg.devnet.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.script.ScriptNumber;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;
import org.tbg.bitcoin.tx.TxOut;

/**
 * Makes well-formed transactions that spend made-up outpoints, shaped like everyday payments:
 * one or two inputs, either P2PKH-style (signature and key in the scriptSig) or P2WPKH-style
 * (signature and key in the witness), paying one or two P2WPKH outputs. Signatures and keys are
 * random bytes of the right sizes; only the devnet's own chain accepts these transactions.
 *
 * <p>Not thread-safe; the mempool owns one.
 */
public final class SyntheticTransactionFactory {
    private static final int VERSION = 2;
    /** Opts in to replace-by-fee, as most wallets do today. */
    private static final int SEQUENCE = 0xfffffffd;
    /** A DER signature with its sighash byte is 71–73 bytes; a compressed key 33. */
    private static final int SIGNATURE_LENGTH = 72;
    private static final int PUBKEY_LENGTH = 33;
    private static final long MIN_OUTPUT = 1_000;
    private static final long MAX_OUTPUT = 10_000_000;

    private final SplittableRandom random;
    private final FeeRateRange feeRates;
    private final double witnessShare;

    /**
     * @param seed         makes the sequence of transactions reproducible
     * @param feeRates     sat/vB range the fees are drawn from
     * @param witnessShare the fraction of transactions that spend witness inputs, 0..1
     */
    public SyntheticTransactionFactory(long seed, FeeRateRange feeRates, double witnessShare) {
        if (!(witnessShare >= 0 && witnessShare <= 1)) {
            throw new IllegalArgumentException("witness share must be within 0..1, got " + witnessShare);
        }
        this.random = new SplittableRandom(seed);
        this.feeRates = feeRates;
        this.witnessShare = witnessShare;
    }

    public MempoolEntry next() {
        boolean witness = random.nextDouble() < witnessShare;
        int inputCount = 1 + random.nextInt(2);
        List<TxIn> inputs = new ArrayList<>(inputCount);
        for (int i = 0; i < inputCount; i++) {
            inputs.add(witness ? witnessInput() : legacyInput());
        }
        int outputCount = 1 + random.nextInt(2);
        List<TxOut> outputs = new ArrayList<>(outputCount);
        for (int i = 0; i < outputCount; i++) {
            long value = MIN_OUTPUT + random.nextLong(MAX_OUTPUT - MIN_OUTPUT);
            outputs.add(new TxOut(value, PayoutScript.witness(0, bytes(20)).script()));
        }
        Transaction tx = new Transaction(VERSION, inputs, outputs, 0);
        MempoolEntry sized = MempoolEntry.of(tx, 0, 0);
        long rate = feeRates.min() + random.nextLong(feeRates.max() - feeRates.min() + 1);
        // Script-less outputs and push-only scriptSigs: the only sigops are the witness keys' checks.
        int sigOpCost = witness ? inputCount : 0;
        return new MempoolEntry(sized.data(), sized.txid(), sized.wtxid(), rate * sized.vsize(), sized.weight(), sigOpCost);
    }

    private TxIn legacyInput() {
        byte[] scriptSig = Bytes.concat(
                ScriptNumber.pushData(signature()), ScriptNumber.pushData(pubkey()));
        return new TxIn(bytes(32), random.nextInt(4), scriptSig, SEQUENCE, List.of());
    }

    private TxIn witnessInput() {
        return new TxIn(bytes(32), random.nextInt(4), new byte[0], SEQUENCE, List.of(signature(), pubkey()));
    }

    /** Random bytes framed like a DER signature (0x30 …) with SIGHASH_ALL at the end. */
    private byte[] signature() {
        byte[] sig = bytes(SIGNATURE_LENGTH);
        sig[0] = 0x30;
        sig[SIGNATURE_LENGTH - 1] = 0x01;
        return sig;
    }

    /** Random bytes framed like a compressed public key (0x02 or 0x03 …). */
    private byte[] pubkey() {
        byte[] key = bytes(PUBKEY_LENGTH);
        key[0] = (byte) (2 + random.nextInt(2));
        return key;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }
}
