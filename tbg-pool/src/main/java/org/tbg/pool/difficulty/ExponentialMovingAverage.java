package org.tbg.pool.difficulty;

/**
 * An exponential moving average: the first sample is taken as is, each later one moves the average
 * by {@code alpha} of the difference. Thread rule: owned by one {@link Vardiff}.
 */
final class ExponentialMovingAverage {
    private final double alpha;
    private double value = Double.NaN;
    private int samples;

    ExponentialMovingAverage(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be > 0 and <= 1: " + alpha);
        }
        this.alpha = alpha;
    }

    void add(double sample) {
        value = samples == 0 ? sample : value + alpha * (sample - value);
        samples++;
    }

    /** The average, NaN before the first sample. */
    double value() {
        return value;
    }

    /** Samples taken since the last {@link #reset}. */
    int samples() {
        return samples;
    }

    void reset() {
        value = Double.NaN;
        samples = 0;
    }
}
