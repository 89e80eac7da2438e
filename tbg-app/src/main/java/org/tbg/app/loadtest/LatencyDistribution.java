package org.tbg.app.loadtest;

import java.util.Arrays;

/**
 * Reply latencies of a finished run, sorted. Percentiles use the nearest-rank method: the p-th
 * percentile is the smallest sample with at least p % of the samples at or below it, so every
 * reported value is a latency that was actually measured. Immutable.
 */
public final class LatencyDistribution {
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final long[] sortedNanos;
    private final long count;

    /**
     * @param sortedNanos samples in ascending order (taken, not copied)
     * @param count       replies measured; more than the samples when a reservoir kept a subset
     */
    LatencyDistribution(long[] sortedNanos, long count) {
        this.sortedNanos = sortedNanos;
        this.count = count;
    }

    public static LatencyDistribution ofMillis(double... millis) {
        long[] nanos = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            nanos[i] = Math.round(millis[i] * NANOS_PER_MILLI);
        }
        Arrays.sort(nanos);
        return new LatencyDistribution(nanos, nanos.length);
    }

    public boolean isEmpty() {
        return sortedNanos.length == 0;
    }

    /** Replies measured. */
    public long count() {
        return count;
    }

    /** The nearest-rank {@code p}-th percentile in ms, 0 < p ≤ 100. */
    public double percentileMillis(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(p * sortedNanos.length / 100.0); // p·n first: exact for whole percentiles
        return sortedNanos[Math.max(rank, 1) - 1] / NANOS_PER_MILLI;
    }

    public double minMillis() {
        return at(0);
    }

    public double maxMillis() {
        return at(sortedNanos.length - 1);
    }

    /** min, p50, p95, p99, max; null when there were no replies. */
    public LatencySummary summary() {
        if (isEmpty()) {
            return null;
        }
        return new LatencySummary(minMillis(), percentileMillis(50), percentileMillis(95), percentileMillis(99), maxMillis());
    }

    /** How many samples fall in each of {@code bins} equal-width bins over [0, upperMillis); the rest go in an extra last bin. */
    public long[] binCounts(int bins, double upperMillis) {
        long[] counts = new long[bins + 1];
        double width = upperMillis / bins;
        for (long n : sortedNanos) {
            double ms = n / NANOS_PER_MILLI;
            int bin = ms >= upperMillis ? bins : (int) (ms / width);
            counts[Math.min(bin, bins)]++;
        }
        return counts;
    }

    /** Samples kept (equals {@link #count()} unless the run was very long). */
    public int samples() {
        return sortedNanos.length;
    }

    private double at(int i) {
        if (isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        return sortedNanos[i] / NANOS_PER_MILLI;
    }
}
