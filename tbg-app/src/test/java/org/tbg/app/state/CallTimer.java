package org.tbg.app.state;

import java.util.Arrays;

/**
 * Times many calls of one operation. A call that waited on the network would take at least a
 * round trip, and one that waited for a command timeout a full second; the share path allows
 * neither.
 */
final class CallTimer {
    private final long[] nanos;
    private int count;

    CallTimer(int calls) {
        this.nanos = new long[calls];
    }

    void time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        nanos[count++] = System.nanoTime() - start;
    }

    /** The 99th percentile in microseconds. */
    double p99Micros() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(count * 0.99) - 1] / 1_000.0;
    }

    double maxMicros() {
        return Arrays.stream(nanos, 0, count).max().orElse(0) / 1_000.0;
    }
}
