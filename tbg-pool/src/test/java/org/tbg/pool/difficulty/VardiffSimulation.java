package org.tbg.pool.difficulty;

import java.util.Optional;

/**
 * Drives one {@link Vardiff} with a {@link SimulatedMiner} on a simulated clock, the way the stratum
 * handler does: a job every {@link #JOB_INTERVAL_SECONDS} (the default {@code update_interval}) with a
 * tick before it, a decided change reaching the miner only with the next job, every share judged at
 * the difficulty of the job it was found on.
 */
final class VardiffSimulation {
    static final double JOB_INTERVAL_SECONDS = 30;

    /**
     * What a run showed.
     *
     * @param changesToSettle  changes decided before the connection first settled
     * @param settledAtSeconds simulated time it first settled
     * @param meanShareSeconds mean share interval over the measured shares after settling
     * @param changesAfter     changes decided while those shares were measured
     * @param finalDifficulty  the difficulty at the end
     */
    record Outcome(int changesToSettle, double settledAtSeconds, double meanShareSeconds, int changesAfter,
                   double finalDifficulty) {
    }

    private VardiffSimulation() {}

    /**
     * Runs until the connection settles and then {@code measuredShares} more shares arrive.
     *
     * @throws AssertionError when it has not settled after {@code maxSeconds}
     */
    static Outcome run(SimulatedMiner miner, VardiffSettings settings, DifficultyBounds bounds, double startDifficulty,
                       int measuredShares, double maxSeconds) {
        Vardiff vardiff = new Vardiff(settings, bounds, startDifficulty, 0);
        double now = 0;
        double nextJob = JOB_INTERVAL_SECONDS;
        double mining = vardiff.difficulty(); // the difficulty of the job the miner works on
        double decided = mining;
        int changes = 0;
        int changesToSettle = -1;
        double settledAt = -1;
        int measured = 0;
        while (measured < measuredShares) {
            double next = now + miner.secondsToNextShare(mining);
            Optional<DifficultyChange> change;
            if (next >= nextJob) {
                now = nextJob;
                nextJob += JOB_INTERVAL_SECONDS;
                change = vardiff.onTick(millis(now));
                if (change.isPresent()) {
                    decided = change.get().to();
                }
                mining = decided;
            } else {
                now = next;
                change = vardiff.onShare(millis(now), mining);
                if (change.isPresent()) {
                    decided = change.get().to();
                }
                if (settledAt >= 0) {
                    measured++;
                }
            }
            if (change.isPresent()) {
                changes++;
            }
            if (settledAt < 0 && vardiff.settled()) {
                settledAt = now;
                changesToSettle = changes;
            }
            if (settledAt < 0 && now > maxSeconds) {
                throw new AssertionError("not settled after " + maxSeconds + " s at difficulty " + vardiff.difficulty()
                        + " (" + miner.difficultyFor(settings.targetShareInterval().toMillis() / 1000.0) + " is on target)");
            }
        }
        return new Outcome(changesToSettle, settledAt, (now - settledAt) / measured, changes - changesToSettle,
                vardiff.difficulty());
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
