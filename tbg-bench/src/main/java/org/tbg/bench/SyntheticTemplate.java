package org.tbg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.bitcoin.target.Target;

/**
 * A block template with random transaction ids, shaped like a node's (segwit rules, witness
 * commitment, current time). The share check reads only the txids, so the transactions' bodies are
 * placeholders that could never be serialized into a real block.
 */
final class SyntheticTemplate {
    /** A mainnet-sized target (difficulty about 8.6e13): no benchmark share is ever a block. */
    static final long MAINNET_SIZED_BITS = 0x17034219L;

    private SyntheticTemplate() {}

    /** A template on a random previous block; the same {@code seed} gives the same transactions. */
    static BlockTemplate create(long height, long bits, int txCount, long seed) {
        Random random = new Random(seed);
        byte[] previous = new byte[32];
        random.nextBytes(previous);
        List<TemplateTransaction> txs = new ArrayList<>(txCount);
        List<byte[]> wtxids = new ArrayList<>(txCount);
        for (int i = 0; i < txCount; i++) {
            byte[] txid = new byte[32];
            byte[] wtxid = new byte[32];
            random.nextBytes(txid);
            random.nextBytes(wtxid);
            txs.add(new TemplateTransaction(new byte[] {1, 2, 3}, txid, wtxid, 1_000, 400, List.of()));
            wtxids.add(wtxid);
        }
        byte[] commitment = WitnessCommitment.script(
                WitnessCommitment.commitment(WitnessCommitment.witnessRoot(wtxids), WitnessCommitment.RESERVED_VALUE));
        long now = System.currentTimeMillis() / 1000;
        return new BlockTemplate(0x20000000, previous, txs, 3_1250_0000L + 1_000L * txCount, bits, Target.fromBits(bits),
                now, now - 600, height, commitment, List.of("csv", "!segwit", "taproot"),
                List.of("time", "transactions", "prevblock"), "", BlockTemplate.MAX_BLOCK_SERIALIZED_SIZE,
                BlockTemplate.MAX_BLOCK_WEIGHT, BlockTemplate.MAX_BLOCK_SIGOPS_COST);
    }
}
