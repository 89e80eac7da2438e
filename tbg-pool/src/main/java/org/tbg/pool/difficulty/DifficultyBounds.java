package org.tbg.pool.difficulty;

/**
 * The range a connection's difficulty must stay in: at least {@code max(mindiff, the miner's own
 * minimum)}, at most {@code maxdiff} (0 = none) and the network difficulty when that is ≥ 1, so a
 * miner is never asked for more than a block. Where the two ends cross, the upper one wins: maxdiff
 * is the operator's hard limit, and a share above the network difficulty is a block anyway.
 * Fractional values are fine (sub-1 devices). Immutable.
 *
 * @param minDiff           {@code mindiff}, > 0
 * @param maxDiff           {@code maxdiff}, 0 = no maximum
 * @param minerMinimum      the miner's own minimum (suggest_difficulty, minimum-difficulty, d=), 0 = none
 * @param networkDifficulty difficulty of the current block target, 0 = unknown; ignored below 1
 *                          (regtest/signet, where a share target above it would be meaningless)
 */
public record DifficultyBounds(double minDiff, double maxDiff, double minerMinimum, double networkDifficulty) {

    public DifficultyBounds {
        if (!(minDiff > 0) || minDiff == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("mindiff must be a positive number: " + minDiff);
        }
        requireNonNegative("maxdiff", maxDiff);
        requireNonNegative("miner minimum", minerMinimum);
        requireNonNegative("network difficulty", networkDifficulty);
    }

    /** The pool's own bounds, before any miner or block is known. */
    public static DifficultyBounds of(double minDiff, double maxDiff) {
        return new DifficultyBounds(minDiff, maxDiff, 0, 0);
    }

    public DifficultyBounds withMinerMinimum(double minimum) {
        return new DifficultyBounds(minDiff, maxDiff, minimum, networkDifficulty);
    }

    public DifficultyBounds withNetworkDifficulty(double difficulty) {
        return new DifficultyBounds(minDiff, maxDiff, minerMinimum, difficulty);
    }

    public double floor() {
        return Math.max(minDiff, minerMinimum);
    }

    /** The upper end, {@code +∞} when nothing limits it. */
    public double ceiling() {
        double c = maxDiff > 0 ? maxDiff : Double.POSITIVE_INFINITY;
        return networkDifficulty >= 1 ? Math.min(c, networkDifficulty) : c;
    }

    /** {@code difficulty} moved into the range. */
    public double clamp(double difficulty) {
        if (!(difficulty > 0) || difficulty == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("difficulty must be a positive number: " + difficulty);
        }
        return Math.min(Math.max(difficulty, floor()), ceiling());
    }

    private static void requireNonNegative(String what, double v) {
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(what + " must be a number >= 0: " + v);
        }
    }
}
