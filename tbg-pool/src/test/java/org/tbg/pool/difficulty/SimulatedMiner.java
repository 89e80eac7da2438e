package org.tbg.pool.difficulty;

import java.util.Random;

/**
 * A miner of constant hashrate whose shares arrive as a Poisson process: a hash meets difficulty D
 * with probability 1 / (D × 2^32), so shares come at hashrate / (D × 2^32) per second. Seeded, so a
 * run is reproducible.
 */
final class SimulatedMiner {
    private static final double TWO_POW_32 = 4_294_967_296.0;

    private final double hashesPerSecond;
    private final Random random;

    SimulatedMiner(double hashesPerSecond, long seed) {
        this.hashesPerSecond = hashesPerSecond;
        this.random = new Random(seed);
    }

    /** Seconds until the next share at {@code difficulty} (exponential, so it can be redrawn any time). */
    double secondsToNextShare(double difficulty) {
        double sharesPerSecond = hashesPerSecond / (difficulty * TWO_POW_32);
        return -Math.log(1 - random.nextDouble()) / sharesPerSecond;
    }

    /** The difficulty at which this miner finds one share per {@code seconds}. */
    double difficultyFor(double seconds) {
        return hashesPerSecond * seconds / TWO_POW_32;
    }
}
