package org.tbg.devnet.mempool;

/**
 * The fee rates synthetic transactions pay, drawn uniformly from {@code [min, max]}, in satoshis
 * per virtual byte.
 */
public record FeeRateRange(long min, long max) {
    /** Core's default minimum relay fee rate is 1 sat/vB; 50 is a busy mainnet afternoon. */
    public static final FeeRateRange DEFAULT = new FeeRateRange(1, 50);

    public FeeRateRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("fee rate range must satisfy 0 <= min <= max, got " + min + ".." + max);
        }
    }
}
