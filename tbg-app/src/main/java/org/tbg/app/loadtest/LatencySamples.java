package org.tbg.app.loadtest;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reply latencies as they come in, from any thread (guarded by this). Every sample is kept up to
 * {@link #MAX_KEPT}; past that a uniform random subset of that size is kept (reservoir sampling),
 * so a very long run stays within a fixed memory while its percentiles remain unbiased. Min and
 * max are always exact.
 */
final class LatencySamples {
    /** 16 MB of samples: a soak at 100 miners produces 60 000. */
    static final int MAX_KEPT = 2_000_000;
    private static final int INITIAL_CAPACITY = 4_096;

    private final int maxKept;
    private long[] kept = new long[INITIAL_CAPACITY];
    private int size;
    private long seen;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    LatencySamples() {
        this(MAX_KEPT);
    }

    LatencySamples(int maxKept) {
        this.maxKept = maxKept;
    }

    synchronized void add(long nanos) {
        seen++;
        min = Math.min(min, nanos);
        max = Math.max(max, nanos);
        if (size < maxKept) {
            if (size == kept.length) {
                kept = Arrays.copyOf(kept, (int) Math.min((long) kept.length * 2, maxKept));
            }
            kept[size++] = nanos;
            return;
        }
        long slot = ThreadLocalRandom.current().nextLong(seen); // Algorithm R: keep with probability maxKept/seen
        if (slot < maxKept) {
            kept[(int) slot] = nanos;
        }
    }

    synchronized LatencyDistribution snapshot() {
        long[] sorted = Arrays.copyOf(kept, size);
        Arrays.sort(sorted);
        if (size > 0) {
            sorted[0] = min; // a reservoir may have dropped the extremes; the report shows the real ones
            sorted[size - 1] = max;
        }
        return new LatencyDistribution(sorted, seen);
    }
}
