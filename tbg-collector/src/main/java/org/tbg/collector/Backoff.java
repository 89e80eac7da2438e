package org.tbg.collector;

import java.time.Duration;

/**
 * Delays between attempts at a write that failed: 100 ms, doubling, capped at 10 s, back to the
 * start after a success. Not thread-safe: one per pipeline.
 */
public final class Backoff {
    public static final Duration FIRST = Duration.ofMillis(100);
    public static final Duration MAX = Duration.ofSeconds(10);

    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff() {
        this(FIRST, MAX);
    }

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The delay before the next attempt; each call doubles the following one, up to the cap. */
    public Duration next() {
        long d = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return Duration.ofMillis(d);
    }

    public void reset() {
        nextMillis = firstMillis;
    }
}
