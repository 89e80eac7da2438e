package org.tbg.devnet.mining;

import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.chain.ConsensusLimits;
import org.tbg.devnet.chain.Subsidy;
import org.tbg.devnet.mempool.Mempool;
import org.tbg.devnet.mempool.MempoolEntry;

/** Builds the next block's {@link Template} from the tip and the mempool, the way Core's miner fills a block. */
public final class TemplateBuilder {
    /** BIP9's top bits with no deployment signalled: what Core proposes on regtest today. */
    public static final int VERSION = 0x20000000;
    /** Core keeps this much weight and sigop cost free for the coinbase ({@code DEFAULT_BLOCK_MAX_WEIGHT}). */
    private static final long COINBASE_WEIGHT_RESERVE = 4_000;
    private static final long COINBASE_SIGOPS_RESERVE = 400;

    private final Chain chain;
    private final Mempool mempool;

    public TemplateBuilder(Chain chain, Mempool mempool) {
        this.chain = chain;
        this.mempool = mempool;
    }

    /** A template on the current tip; tip and transactions are read together, so they always agree. */
    public Template build() {
        return chain.read(c -> build(c.tip(), c.bits(), c.now()));
    }

    private Template build(ChainEntry tip, int bits, long now) {
        long minTime = tip.medianTimePast() + 1;
        long weightLeft = ConsensusLimits.MAX_BLOCK_WEIGHT - COINBASE_WEIGHT_RESERVE;
        long sigOpsLeft = ConsensusLimits.MAX_BLOCK_SIGOPS_COST - COINBASE_SIGOPS_RESERVE;
        List<MempoolEntry> chosen = new ArrayList<>();
        List<byte[]> wtxids = new ArrayList<>();
        long fees = 0;
        for (MempoolEntry e : mempool.byFeeRate()) {
            if (e.weight() > weightLeft || e.sigOpCost() > sigOpsLeft) {
                continue; // a smaller one further down may still fit
            }
            weightLeft -= e.weight();
            sigOpsLeft -= e.sigOpCost();
            chosen.add(e);
            wtxids.add(e.wtxid());
            fees += e.fee();
        }
        int height = tip.height() + 1;
        byte[] commitment = WitnessCommitment.commitment(WitnessCommitment.witnessRoot(wtxids),
                WitnessCommitment.RESERVED_VALUE);
        return new Template(tip, height, VERSION, bits, Math.max(minTime, now), minTime,
                Subsidy.at(height) + fees, chosen, WitnessCommitment.script(commitment),
                tip.hashHex() + mempool.updates());
    }
}
