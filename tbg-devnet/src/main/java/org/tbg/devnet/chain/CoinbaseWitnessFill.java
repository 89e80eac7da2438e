package org.tbg.devnet.chain;

import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;

/**
 * Core's {@code UpdateUncommittedBlockStructures}, which {@code submitblock} applies before
 * validating: a block that carries a witness commitment but whose coinbase has no witness gets the
 * all-zero witness reserved value added. The value is not committed to by any hash, so adding it
 * changes neither the block hash nor the merkle root; it only spares miners that forget it.
 */
public final class CoinbaseWitnessFill {
    private CoinbaseWitnessFill() {}

    /** The block with its coinbase witness filled in where Core would fill it; otherwise the block itself. */
    public static Block apply(Block block) {
        List<Transaction> txs = block.transactions();
        if (txs.isEmpty() || txs.get(0).inputs().isEmpty()) {
            return block;
        }
        Transaction coinbase = txs.get(0);
        if (WitnessCommitmentOutput.indexIn(coinbase) < 0 || coinbase.hasWitness()) {
            return block;
        }
        List<TxIn> inputs = new ArrayList<>(coinbase.inputs());
        inputs.set(0, inputs.get(0).withWitness(List.of(WitnessCommitment.RESERVED_VALUE.clone())));
        List<Transaction> filled = new ArrayList<>(txs);
        filled.set(0, new Transaction(coinbase.version(), inputs, coinbase.outputs(), coinbase.lockTime()));
        return Block.of(block.header(), filled);
    }
}
