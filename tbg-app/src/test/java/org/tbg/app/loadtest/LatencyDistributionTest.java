package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyDistributionTest {

    /** The nearest-rank worked examples of Wikipedia's "Percentile" article. */
    @Test
    void nearestRankMatchesThePublishedExamples() {
        LatencyDistribution five = LatencyDistribution.ofMillis(15, 20, 35, 40, 50);
        assertThat(five.percentileMillis(5)).isEqualTo(15);
        assertThat(five.percentileMillis(30)).isEqualTo(20);
        assertThat(five.percentileMillis(40)).isEqualTo(20);
        assertThat(five.percentileMillis(50)).isEqualTo(35);
        assertThat(five.percentileMillis(100)).isEqualTo(50);

        LatencyDistribution ten = LatencyDistribution.ofMillis(3, 6, 7, 8, 8, 10, 13, 15, 16, 20);
        assertThat(ten.percentileMillis(25)).isEqualTo(7);
        assertThat(ten.percentileMillis(50)).isEqualTo(8);
        assertThat(ten.percentileMillis(75)).isEqualTo(15);
        assertThat(ten.percentileMillis(100)).isEqualTo(20);

        LatencyDistribution eleven = LatencyDistribution.ofMillis(3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20);
        assertThat(eleven.percentileMillis(25)).isEqualTo(7);
        assertThat(eleven.percentileMillis(50)).isEqualTo(9);
        assertThat(eleven.percentileMillis(75)).isEqualTo(15);
        assertThat(eleven.percentileMillis(100)).isEqualTo(20);
    }

    @Test
    void summaryOfOneToAHundred() {
        double[] ms = new double[100];
        for (int i = 0; i < 100; i++) {
            ms[99 - i] = i + 1; // given in reverse: the order of arrival must not matter
        }

        LatencySummary s = LatencyDistribution.ofMillis(ms).summary();

        assertThat(s).isEqualTo(new LatencySummary(1, 50, 95, 99, 100));
    }

    @Test
    void samplesRecordedFromManyThreadsAreAllCounted() throws Exception {
        LatencySamples samples = new LatencySamples();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 1000;
            threads[t] = new Thread(() -> {
                for (int i = 1; i <= 1000; i++) {
                    samples.add((base + i) * 1_000_000L);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }

        LatencyDistribution d = samples.snapshot();

        assertThat(d.count()).isEqualTo(4000);
        assertThat(d.summary()).isEqualTo(new LatencySummary(1, 2000, 3800, 3960, 4000));
    }

    @Test
    void aFullReservoirKeepsExactExtremesAndAnUnbiasedMiddle() {
        LatencySamples samples = new LatencySamples(1_000);
        for (int i = 1; i <= 100_000; i++) {
            samples.add(i * 1_000L); // 1 µs … 100 ms
        }

        LatencyDistribution d = samples.snapshot();

        assertThat(d.count()).isEqualTo(100_000);
        assertThat(d.samples()).isEqualTo(1_000);
        assertThat(d.minMillis()).isEqualTo(0.001);
        assertThat(d.maxMillis()).isEqualTo(100);
        // a uniform sample of 1000: the median's standard error is about 1.6 ms; 10 ms is > 6 of them
        assertThat(d.percentileMillis(50)).isCloseTo(50, within(10.0));
    }

    @Test
    void binsCountSamplesAndGatherTheSlowOnesInTheLastBin() {
        LatencyDistribution d = LatencyDistribution.ofMillis(0.5, 1.5, 1.7, 9.9, 25);

        long[] bins = d.binCounts(10, 10);

        assertThat(bins).containsExactly(1, 2, 0, 0, 0, 0, 0, 0, 0, 1, 1);
    }

    @Test
    void emptyHasNoSummaryAndNoPercentiles() {
        LatencyDistribution d = new LatencySamples().snapshot();

        assertThat(d.isEmpty()).isTrue();
        assertThat(d.summary()).isNull();
        assertThatThrownBy(() -> d.percentileMillis(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LatencyDistribution.ofMillis(1).percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
