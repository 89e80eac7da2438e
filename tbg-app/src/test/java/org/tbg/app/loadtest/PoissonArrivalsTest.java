package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonArrivalsTest {

    @Test
    void gapsAreExponentialAroundTheMean() {
        PoissonArrivals arrivals = new PoissonArrivals(1e9);
        SplittableRandom random = new SplittableRandom(42);
        int n = 200_000;
        double sum = 0;
        int longerThanMean = 0;
        for (int i = 0; i < n; i++) {
            long gap = arrivals.nextGapNanos(random);
            assertThat(gap).isPositive();
            sum += gap;
            if (gap > 1e9) {
                longerThanMean++;
            }
        }

        assertThat(sum / n).isCloseTo(1e9, within(0.01e9));
        // an exponential exceeds its mean with probability 1/e
        assertThat((double) longerThanMean / n).isCloseTo(Math.exp(-1), within(0.01));
    }
}
