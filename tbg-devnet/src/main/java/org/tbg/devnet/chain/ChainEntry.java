package org.tbg.devnet.chain;

import java.math.BigInteger;
import java.util.Arrays;
import org.tbg.bitcoin.block.BlockHeader;

/**
 * A block the chain has accepted, linked to its parent: the devnet's block index entry.
 *
 * @param block     the block as stored
 * @param height    0 for genesis
 * @param parent    null for genesis
 * @param chainWork total work of the chain ending here
 * @param fees      the fees its non-coinbase transactions paid, satoshis
 */
public record ChainEntry(Block block, int height, ChainEntry parent, BigInteger chainWork, long fees) {

    public BlockHeader header() {
        return block.header();
    }

    /** Internal byte order. */
    public byte[] hash() {
        return block.hash();
    }

    public String hashHex() {
        return block.hashHex();
    }

    /** Header time as an unsigned number of seconds. */
    public long time() {
        return Integer.toUnsignedLong(block.header().time());
    }

    /** Median of the times of this block and up to ten ancestors, as Core's {@code GetMedianTimePast}. */
    public long medianTimePast() {
        long[] times = new long[ConsensusLimits.MEDIAN_TIME_SPAN];
        int n = 0;
        for (ChainEntry e = this; e != null && n < times.length; e = e.parent) {
            times[n++] = e.time();
        }
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }

    /** The ancestor at {@code h} (this entry when {@code h == height}). */
    public ChainEntry ancestor(int h) {
        if (h < 0 || h > height) {
            throw new IllegalArgumentException("no ancestor at height " + h + " below " + height);
        }
        ChainEntry e = this;
        while (e.height > h) {
            e = e.parent;
        }
        return e;
    }

    /** By block hash: the generated equals would walk the whole chain of parents. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ChainEntry e && Arrays.equals(e.block.hash(), block.hash());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(block.hash());
    }

    @Override
    public String toString() {
        return "ChainEntry[" + height + " " + hashHex() + "]";
    }
}
