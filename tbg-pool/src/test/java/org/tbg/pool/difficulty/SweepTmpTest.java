package org.tbg.pool.difficulty;

import org.junit.jupiter.api.Test;

class SweepTmpTest {
    @Test
    void sweep() {
        double[][] cases = {{1e5, 42}, {1e5, 0.001}, {5e11, 42}, {1e14, 42}};
        for (double[] c : cases) {
            double sx=0, sxx=0; int bad = 0, maxChanges = 0, maxAfter = 0, sumAfter = 0; double lo = 99, hi = 0, maxSettle = 0;
            for (long seed = 0; seed < 200; seed++) {
                SimulatedMiner m = new SimulatedMiner(c[0], seed); SimulatedMiner m2 = new SimulatedMiner(c[0], seed);
                VardiffSimulation.Outcome o = VardiffSimulation.run(m, VardiffSettings.DEFAULTS, DifficultyBounds.of(0.0001, 0), c[1], 10_000, 48 * 3600);
                if (Math.abs(o.meanShareSeconds() - 10) > 1) { bad++; System.out.printf("  bad seed %d: %s target %.6g%n", seed, o, m.difficultyFor(10)); }
                lo = Math.min(lo, o.meanShareSeconds()); hi = Math.max(hi, o.meanShareSeconds());
                maxChanges = Math.max(maxChanges, o.changesToSettle()); maxAfter = Math.max(maxAfter, o.changesAfter()); sumAfter += o.changesAfter();
                maxSettle = Math.max(maxSettle, o.settledAtSeconds()); double x = o.finalDifficulty()/m.difficultyFor(10); sx+=x; sxx+=x*x;
            }
            System.out.printf("landing mean %.4f sd %.4f%n", sx/200, Math.sqrt(sxx/200-(sx/200)*(sx/200))); System.out.printf("%g from %g: interval %.2f..%.2f bad %d/200 changesToSettle max %d settle max %.1fh after max %d sum %d%n",
                    c[0], c[1], lo, hi, bad, maxChanges, maxSettle / 3600, maxAfter, sumAfter);
        }
    }
}
