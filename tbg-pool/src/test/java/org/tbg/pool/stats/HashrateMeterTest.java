package org.tbg.pool.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A steady miner in these tests sends one share of difficulty {@code D} every {@code Δ} = 1 s, i.e.
 * D/Δ difficulty per second, which is D/Δ · 2³² H/s. Discrete shares make any windowed reading a
 * sawtooth around that rate: with x = Δ/τ, a reading at a share is x/(1 − e⁻ˣ) ∈ [1, 1 + x] of the true
 * rate and one just before the next share is x·e⁻ˣ/(1 − e⁻ˣ) ∈ [1 − x, 1]. So Δ/τ is the tolerance
 * each window is held to: 1.7 % for 1 min, 0.33 % for 5 min, 0.028 % for 1 h, 0.0012 % for 1 day.
 */
class HashrateMeterTest {
    private static final double TWO_32 = 4_294_967_296.0;
    private static final long SECOND = 1000;
    private static final double D = 100;
    private static final double TRUE_RATE = D * TWO_32; // H/s at one share of D per second

    private static double tolerance(HashrateWindow w) {
        return 1.0 / w.seconds();
    }

    /** Feeds one share of {@code diff} per second over (from, to], returns the time of the last share. */
    private static long steady(HashrateMeter m, long fromMillis, long toMillis, double diff) {
        long t = fromMillis;
        while (t + SECOND <= toMillis) {
            t += SECOND;
            m.add(diff, t);
        }
        return t;
    }

    @Test
    void aSingleShareReadsAsTheDocumentedFormula() {
        // one share of difficulty 1 at t = 60 s, observed since t = 0, read at t = 120 s:
        // 2^32 · e^(−60/τ) / (τ · (1 − e^(−120/τ))), evaluated separately for τ = 60 s and 300 s
        HashrateMeter m = new HashrateMeter(0);
        m.add(1, 60 * SECOND);
        assertThat(m.hashrate(HashrateWindow.ONE_MINUTE, 120 * SECOND)).isCloseTo(30_455_546.103, within(0.01));
        assertThat(m.hashrate(HashrateWindow.FIVE_MINUTES, 120 * SECOND)).isCloseTo(35_553_893.672, within(0.01));
    }

    @Test
    void nothingObservedReadsZero() {
        HashrateMeter m = new HashrateMeter(1_000_000);
        assertThat(m.read(1_000_000)).isEqualTo(Hashrates.ZERO);
        assertThat(m.read(2_000_000)).isEqualTo(Hashrates.ZERO);
        assertThat(m.lastShareMillis()).isEqualTo(Long.MIN_VALUE);
        m.add(Double.NaN, 1_500_000);
        m.add(-5, 1_500_000);
        m.add(Double.POSITIVE_INFINITY, 1_500_000);
        assertThat(m.read(2_000_000)).isEqualTo(Hashrates.ZERO);
    }

    @Test
    void aSteadyMinerReadsItsRateInEveryWindowEvenSoonAfterThePoolStarted() {
        HashrateMeter m = new HashrateMeter(0);
        // 30 s after the pool started: no ramp-up, even the 1-day window already reads the rate
        long t = steady(m, 0, 30 * SECOND, D);
        for (HashrateWindow w : HashrateWindow.values()) {
            assertThat(m.hashrate(w, t)).as("%s after 30 s", w).isCloseTo(TRUE_RATE, withinPercentage(100 * tolerance(w)));
        }
        // three days in, read at a share and just before the next one
        t = steady(m, t, 3 * 86_400 * SECOND, D);
        for (HashrateWindow w : HashrateWindow.values()) {
            assertThat(m.hashrate(w, t)).as("%s at a share", w).isCloseTo(TRUE_RATE, withinPercentage(100 * tolerance(w)));
            assertThat(m.hashrate(w, t + 999)).as("%s before the next share", w)
                    .isCloseTo(TRUE_RATE, withinPercentage(100 * tolerance(w)));
        }
        assertThat(m.lastShareMillis()).isEqualTo(t);
    }

    /**
     * The continuous-time value of the documented average when the rate was {@code before} from the
     * start (t₀ = 0) until {@code recentSeconds} ago and {@code after} since, {@code totalSeconds} after
     * the start: time is weighted by e^(−age/τ), so each stretch counts with the integral of that
     * weight over it, divided by the integral over all observed time.
     */
    private static double expectedAfterStep(HashrateWindow w, double totalSeconds, double recentSeconds,
                                            double before, double after) {
        double tau = w.seconds();
        double recentWeight = 1 - Math.exp(-recentSeconds / tau);
        double olderWeight = Math.exp(-recentSeconds / tau) - Math.exp(-totalSeconds / tau);
        return (after * recentWeight + before * olderWeight) / (1 - Math.exp(-totalSeconds / tau));
    }

    @Test
    void aDoubledRateShowsInShortWindowsFirst() {
        HashrateMeter m = new HashrateMeter(0);
        long change = steady(m, 0, 2 * 86_400 * SECOND, D);
        long t = steady(m, change, change + 300 * SECOND, 2 * D);
        Hashrates h = m.read(t);
        for (HashrateWindow w : HashrateWindow.values()) {
            double expected = expectedAfterStep(w, t / 1000.0, 300, TRUE_RATE, 2 * TRUE_RATE);
            // twice the usual tolerance: the sawtooth is relative to the new, doubled rate
            assertThat(h.of(w)).as("%s", w).isCloseTo(expected, withinPercentage(200 * tolerance(w)));
        }
        assertThat(h.oneMinute()).isCloseTo(2 * TRUE_RATE, withinPercentage(2));
        assertThat(h.oneDay()).isCloseTo(TRUE_RATE, withinPercentage(0.5));
    }

    @Test
    void aStoppedMinerDecaysByOneOverEPerWindow() {
        HashrateMeter m = new HashrateMeter(0);
        long last = steady(m, 0, 2 * 86_400 * SECOND, D);
        long later = last + 600 * SECOND;
        Hashrates h = m.read(later);
        for (HashrateWindow w : HashrateWindow.values()) {
            double expected = expectedAfterStep(w, later / 1000.0, 600, TRUE_RATE, 0);
            assertThat(h.of(w)).as("%s", w).isCloseTo(expected, within(TRUE_RATE * tolerance(w)));
        }
        // ten minutes is ten 1-minute windows: e^-10 of the rate is left
        assertThat(h.oneMinute()).isCloseTo(Math.exp(-10) * TRUE_RATE, withinPercentage(100.0 / 60));
    }

    @Test
    void aShareStampedBeforeTheNewestIsStillCounted() {
        HashrateMeter ordered = new HashrateMeter(0);
        ordered.add(10, 5_000);
        ordered.add(10, 5_000);
        HashrateMeter late = new HashrateMeter(0);
        late.add(10, 5_000);
        late.add(10, 4_999); // another event loop took the monitor first
        assertThat(late.hashrate(HashrateWindow.ONE_HOUR, 6_000))
                .isCloseTo(ordered.hashrate(HashrateWindow.ONE_HOUR, 6_000), withinPercentage(0.001));
        assertThat(late.lastShareMillis()).isEqualTo(5_000);
    }

    @Test
    @Timeout(30)
    void concurrentSharesAreAllCounted() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        long at = 1_000 * SECOND;
        HashrateMeter shared = new HashrateMeter(0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < perThread; k++) {
                        shared.add(1, at); // same instant: no decay, so the sum is exact
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (HashrateWindow w : HashrateWindow.values()) {
            double expected = TWO_32 * threads * perThread / (w.seconds() * (1 - Math.exp(-1000.0 / w.seconds())));
            assertThat(shared.hashrate(w, at)).as("%s", w).isCloseTo(expected, withinPercentage(1e-9));
        }
    }

    @Test
    void countingAShareAllocatesNothing() {
        HashrateMeter m = new HashrateMeter(0);
        AllocationProbe probe = AllocationProbe.forCurrentThread();
        long t = 0;
        for (int i = 0; i < 200_000; i++) { // warm up so the measured loop runs compiled code
            m.add(3, t += 7);
        }
        long before = probe.allocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            m.add(3, t += 7);
        }
        long allocated = probe.allocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 100,000 shares").isLessThan(1024);
    }
}
