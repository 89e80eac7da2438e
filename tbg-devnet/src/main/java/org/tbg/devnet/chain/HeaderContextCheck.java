package org.tbg.devnet.chain;

import org.tbg.bitcoin.block.BlockHeader;

/**
 * The header checks that need the parent (Core's {@code ContextualCheckBlockHeader}): the expected
 * bits, the median-time-past floor, the two-hour future limit, the minimum version.
 *
 * <p>The expected bits are the devnet's configured bits for every block after genesis. Core's
 * regtest never retargets either, but would also allow a minimum-difficulty block after 20
 * minutes without one; the devnet does not, so a harder setting holds.
 *
 * <p>A header failing here never enters Core's index, so none of these failures is remembered.
 */
public final class HeaderContextCheck {
    private HeaderContextCheck() {}

    /**
     * @param expectedBits the bits every new block must carry
     * @param nowSeconds   the node's clock, Unix seconds
     * @return null when the header passes
     */
    public static BlockRejection check(BlockHeader header, ChainEntry parent, int expectedBits, long nowSeconds) {
        if (header.bits() != expectedBits) {
            return BlockRejection.of("bad-diffbits", "incorrect proof of work: bits "
                    + Integer.toHexString(header.bits()) + ", expected " + Integer.toHexString(expectedBits));
        }
        long time = Integer.toUnsignedLong(header.time());
        long medianTimePast = parent.medianTimePast();
        if (time <= medianTimePast) {
            return BlockRejection.of("time-too-old", "block's timestamp " + time
                    + " is not after the median time past " + medianTimePast);
        }
        if (time > nowSeconds + ConsensusLimits.MAX_FUTURE_BLOCK_TIME_SECONDS) {
            return BlockRejection.of("time-too-new", "block timestamp " + time + " is more than "
                    + ConsensusLimits.MAX_FUTURE_BLOCK_TIME_SECONDS + " s after the node's time " + nowSeconds);
        }
        if (header.version() < ConsensusLimits.MIN_BLOCK_VERSION) {
            return BlockRejection.of(String.format("bad-version(0x%08x)", header.version()),
                    "rejected nVersion=" + header.version() + " block: BIP34, BIP66 and BIP65 are active");
        }
        return null;
    }
}
