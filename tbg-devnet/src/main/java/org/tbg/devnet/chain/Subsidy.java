package org.tbg.devnet.chain;

/** The block subsidy at a height: 50 BTC halved every {@link ConsensusLimits#SUBSIDY_HALVING_INTERVAL} blocks. */
public final class Subsidy {
    /** After 64 halvings a right shift would wrap around in Java as in C++ it is undefined: Core returns 0. */
    private static final int LAST_HALVING = 64;

    private Subsidy() {}

    public static long at(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("negative height " + height);
        }
        long halvings = height / ConsensusLimits.SUBSIDY_HALVING_INTERVAL;
        return halvings >= LAST_HALVING ? 0 : ConsensusLimits.INITIAL_SUBSIDY >> halvings;
    }
}
