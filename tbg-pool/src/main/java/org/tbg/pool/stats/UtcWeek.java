package org.tbg.pool.stats;

/**
 * Weeks as the game counts them: Monday 00:00 UTC up to the next Monday 00:00 UTC. Plain arithmetic,
 * no allocation, so it can run on every share.
 */
public final class UtcWeek {
    public static final long DAY_MILLIS = 86_400_000L;
    public static final long WEEK_MILLIS = 7 * DAY_MILLIS;
    /** 1970-01-01 was a Thursday: Mondays 00:00 UTC sit 4 days after a multiple of 7 days from the epoch. */
    private static final long FIRST_MONDAY_MILLIS = 4 * DAY_MILLIS;

    private UtcWeek() {
    }

    /** Epoch millis of the Monday 00:00 UTC at or before {@code epochMillis}. */
    public static long startOf(long epochMillis) {
        return Math.floorDiv(epochMillis - FIRST_MONDAY_MILLIS, WEEK_MILLIS) * WEEK_MILLIS + FIRST_MONDAY_MILLIS;
    }
}
