package org.tbg.app.loadtest;

import java.util.random.RandomGenerator;

/**
 * Gaps between one miner's submits. A real miner finds shares as a Poisson process (each hash is
 * an independent trial), so the gaps are exponentially distributed around the mean; many such
 * miners together never fall into lockstep the way evenly spaced timers would.
 */
final class PoissonArrivals {
    private final double meanNanos;

    PoissonArrivals(double meanNanos) {
        if (!(meanNanos > 0)) {
            throw new IllegalArgumentException("mean gap must be positive, got " + meanNanos);
        }
        this.meanNanos = meanNanos;
    }

    /** The next gap in nanoseconds (inverse transform of an exponential draw). */
    long nextGapNanos(RandomGenerator random) {
        double u = random.nextDouble(); // [0, 1): 1 - u is never 0
        return (long) Math.ceil(-Math.log(1.0 - u) * meanNanos);
    }
}
