package org.tbg.pool.limits;

/**
 * Failed {@code mining.authorize} attempts on one connection. The first failure is answered at
 * once (a typo should be seen quickly); each later one waits twice as long as the one before, from
 * {@link #FIRST_DELAY_MILLIS} up to {@link #MAX_DELAY_MILLIS}; after {@link #MAX_FAILURES} the
 * connection is closed. Attempts in progress at once are capped ({@link #MAX_IN_FLIGHT}), so
 * pipelined attempts cannot fan out into node lookups ({@code validateaddress}) either. A pool
 * that cannot check an address (node down) is not the miner's failure and is not counted.
 *
 * <p>Thread rule: the connection's event loop.
 */
public final class AuthorizationBackoff {
    /** Failures after which the connection is closed. */
    public static final int MAX_FAILURES = 6;
    /** Authorizations being checked or answered at once; a stratum proxy sends a few back to back. */
    public static final int MAX_IN_FLIGHT = 16;
    static final long FIRST_DELAY_MILLIS = 1_000;
    static final long MAX_DELAY_MILLIS = 16_000;

    private int failures;
    private int inFlight;

    /** An attempt begins; false when too many are in progress (refuse it without checking). */
    public boolean tryStart() {
        if (inFlight >= MAX_IN_FLIGHT) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** The attempt was answered (success, a failure after its delay, or a pool-side error). */
    public void done() {
        inFlight--;
    }

    /** Counts a failure; returns how long to hold its answer, in milliseconds. Call {@link #done} once answered. */
    public long failed() {
        failures++;
        return delayMillis(failures);
    }

    /** True once the connection has failed too often and should be closed after answering. */
    public boolean exhausted() {
        return failures >= MAX_FAILURES;
    }

    static long delayMillis(int failures) {
        if (failures <= 1) {
            return 0;
        }
        return Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(failures - 2, 20));
    }
}
