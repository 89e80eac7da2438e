package org.tbg.devnet.chain;

import java.util.Arrays;
import java.util.List;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.script.ScriptNumber;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;

/**
 * The block checks that need the parent (Core's {@code ContextualCheckBlock}), with every
 * soft fork active as on modern regtest: final transactions (BIP113), the height in the coinbase
 * (BIP34), the witness commitment (BIP141), the weight limit.
 */
public final class BlockContextCheck {
    private BlockContextCheck() {}

    /** @return null when the block passes */
    public static BlockRejection check(Block block, ChainEntry parent) {
        int height = parent.height() + 1;
        long lockTimeCutoff = parent.medianTimePast();
        for (Transaction tx : block.transactions()) {
            if (!isFinal(tx, height, lockTimeCutoff)) {
                return BlockRejection.markingInvalid("bad-txns-nonfinal", "non-final transaction "
                        + Hex.encode(Bytes.reversed(tx.txid())));
            }
        }
        Transaction coinbase = block.transactions().get(0);
        byte[] expected = ScriptNumber.bip34HeightPush(height);
        byte[] scriptSig = coinbase.inputs().get(0).scriptSig();
        if (scriptSig.length < expected.length
                || !Arrays.equals(scriptSig, 0, expected.length, expected, 0, expected.length)) {
            return BlockRejection.markingInvalid("bad-cb-height", "block height mismatch in coinbase: expected "
                    + Hex.encode(expected) + " at the start of scriptSig " + Hex.encode(scriptSig));
        }
        BlockRejection witness = checkWitness(block, coinbase);
        if (witness != null) {
            return witness;
        }
        if (block.weight() > ConsensusLimits.MAX_BLOCK_WEIGHT) {
            return BlockRejection.markingInvalid("bad-blk-weight", "weight limit failed: " + block.weight() + " > "
                    + ConsensusLimits.MAX_BLOCK_WEIGHT);
        }
        return null;
    }

    /** Core's {@code CheckWitnessMalleation}; its failures are mutations, which Core does not remember. */
    private static BlockRejection checkWitness(Block block, Transaction coinbase) {
        int position = WitnessCommitmentOutput.indexIn(coinbase);
        if (position >= 0) {
            List<byte[]> stack = coinbase.inputs().get(0).witness();
            if (stack.size() != 1 || stack.get(0).length != 32) {
                return BlockRejection.of("bad-witness-nonce-size", "invalid witness reserved value size: "
                        + stack.size() + " items");
            }
            List<byte[]> wtxids = block.wtxids().subList(1, block.wtxids().size());
            byte[] root = WitnessCommitment.witnessRoot(wtxids);
            byte[] commitment = WitnessCommitment.commitment(root, stack.get(0));
            byte[] committed = WitnessCommitmentOutput.commitmentAt(coinbase, position);
            if (!Arrays.equals(commitment, committed)) {
                return BlockRejection.of("bad-witness-merkle-match", "witness merkle commitment mismatch: coinbase "
                        + Hex.encode(committed) + ", transactions " + Hex.encode(commitment));
            }
            return null;
        }
        for (Transaction tx : block.transactions()) {
            if (tx.hasWitness()) {
                return BlockRejection.of("unexpected-witness", "witness data in a block without a witness commitment (tx "
                        + Hex.encode(Bytes.reversed(tx.txid())) + ")");
            }
        }
        return null;
    }

    /** Core's {@code IsFinalTx}: a zero or passed lock time, or every input final. */
    static boolean isFinal(Transaction tx, int height, long lockTimeCutoff) {
        long lockTime = Integer.toUnsignedLong(tx.lockTime());
        if (lockTime == 0) {
            return true;
        }
        long limit = lockTime < ConsensusLimits.LOCKTIME_THRESHOLD ? height : lockTimeCutoff;
        if (lockTime < limit) {
            return true;
        }
        for (TxIn in : tx.inputs()) {
            if (in.sequence() != 0xffffffff) {
                return false;
            }
        }
        return true;
    }
}
