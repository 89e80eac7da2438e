package org.tbg.devnet.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Target;
import org.tbg.bitcoin.tx.Transaction;

/**
 * The checks a block passes on its own, before its parent is looked at (Core's {@code CheckBlock}):
 * proof of work, merkle root, size, coinbase placement, each transaction, legacy sigops. A block
 * failing here never enters the index, so Core remembers none of these failures.
 */
public final class BlockCheck {
    private BlockCheck() {}

    /** @return null when the block passes */
    public static BlockRejection check(Block block) {
        BlockRejection pow = checkProofOfWork(block.header());
        if (pow != null) {
            return pow;
        }
        List<Transaction> txs = block.transactions();
        byte[] root = txs.isEmpty() ? new byte[32] : null;
        boolean mutated = false;
        if (root == null) {
            BlockMerkleRoot merkle = BlockMerkleRoot.of(block.txids());
            root = merkle.root();
            mutated = merkle.mutated();
        }
        if (!Arrays.equals(root, block.header().merkleRoot())) {
            return BlockRejection.of("bad-txnmrklroot", "hashMerkleRoot mismatch: header "
                    + display(block.header().merkleRoot()) + ", transactions " + display(root));
        }
        if (mutated) {
            return BlockRejection.of("bad-txns-duplicate", "duplicate transaction");
        }
        long scaledCount = (long) txs.size() * ConsensusLimits.WITNESS_SCALE_FACTOR;
        long scaledStripped = (long) block.strippedSize() * ConsensusLimits.WITNESS_SCALE_FACTOR;
        if (txs.isEmpty() || scaledCount > ConsensusLimits.MAX_BLOCK_WEIGHT
                || scaledStripped > ConsensusLimits.MAX_BLOCK_WEIGHT) {
            return BlockRejection.of("bad-blk-length", "size limits failed: " + txs.size() + " transactions, "
                    + block.strippedSize() + " bytes without witness");
        }
        if (!txs.get(0).isCoinbase()) {
            return BlockRejection.of("bad-cb-missing", "first tx is not coinbase");
        }
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) {
                return BlockRejection.of("bad-cb-multiple", "more than one coinbase (tx " + i + ")");
            }
        }
        for (Transaction tx : txs) {
            BlockRejection r = TransactionCheck.check(tx);
            if (r != null) {
                return r;
            }
        }
        long sigOps = 0;
        for (Transaction tx : txs) {
            sigOps += LegacySigOps.of(tx);
        }
        if (sigOps * ConsensusLimits.WITNESS_SCALE_FACTOR > ConsensusLimits.MAX_BLOCK_SIGOPS_COST) {
            return BlockRejection.of("bad-blk-sigops", "out-of-bounds SigOpCount " + sigOps);
        }
        return null;
    }

    /** Core's {@code CheckProofOfWork}: bits must decode to a positive target within regtest's limit, and the hash meet it. */
    static BlockRejection checkProofOfWork(BlockHeader header) {
        long bits = Integer.toUnsignedLong(header.bits());
        Target target;
        try {
            target = Target.fromBits(bits);
        } catch (IllegalArgumentException e) {
            return BlockRejection.of("high-hash", "proof of work failed: bits " + Long.toHexString(bits) + " " + e.getMessage());
        }
        BigInteger t = target.value();
        if (t.signum() == 0 || t.compareTo(ConsensusLimits.POW_LIMIT) > 0) {
            return BlockRejection.of("high-hash", "proof of work failed: bits " + Long.toHexString(bits)
                    + " outside (0, powLimit]");
        }
        byte[] hash = header.hash();
        if (!target.isMetBy(hash)) {
            return BlockRejection.of("high-hash", "proof of work failed: hash " + display(hash) + " above target " + target);
        }
        return null;
    }

    private static String display(byte[] internal) {
        return Hex.encode(Bytes.reversed(internal));
    }
}
