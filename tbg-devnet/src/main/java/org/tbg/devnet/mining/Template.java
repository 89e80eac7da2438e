package org.tbg.devnet.mining;

import java.util.List;
import org.tbg.bitcoin.target.Target;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.mempool.MempoolEntry;

/**
 * The work for the next block, as {@code getblocktemplate} describes it.
 *
 * @param parent                   the tip the block builds on
 * @param height                   the new block's height
 * @param version                  proposed block version
 * @param bits                     compact target the block must carry
 * @param curTime                  proposed header time, Unix seconds
 * @param minTime                  earliest valid header time (median time past + 1)
 * @param coinbaseValue            subsidy plus the fees of {@code transactions}, satoshis
 * @param transactions             in block order, coinbase excluded
 * @param witnessCommitmentScript  the commitment output script for a coinbase with the zero reserved value
 * @param longPollId               changes when the tip or the mempool changes
 */
public record Template(ChainEntry parent, int height, int version, int bits, long curTime, long minTime,
                       long coinbaseValue, List<MempoolEntry> transactions, byte[] witnessCommitmentScript,
                       String longPollId) {

    public Template {
        transactions = List.copyOf(transactions);
        witnessCommitmentScript = witnessCommitmentScript.clone();
    }

    @Override
    public byte[] witnessCommitmentScript() {
        return witnessCommitmentScript.clone();
    }

    public Target target() {
        return Target.fromBits(Integer.toUnsignedLong(bits));
    }

    public long fees() {
        long sum = 0;
        for (MempoolEntry e : transactions) {
            sum += e.fee();
        }
        return sum;
    }
}
