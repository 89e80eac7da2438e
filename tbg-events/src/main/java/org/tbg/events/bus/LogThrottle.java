package org.tbg.events.bus;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval for a recurring failure (a sink that is down fails every batch).
 * Thread-safe; the first call always passes.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

    public LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** True when a line may be logged now; the next one is then allowed one interval later. */
    public boolean tryAcquire() {
        long now = System.nanoTime();
        long next = nextAllowed.get();
        // the first call sees MIN_VALUE; afterwards compare by difference, nanoTime may wrap
        if (next != Long.MIN_VALUE && now - next < 0) {
            return false;
        }
        return nextAllowed.compareAndSet(next, now + intervalNanos);
    }
}
