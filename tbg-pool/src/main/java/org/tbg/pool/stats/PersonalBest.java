package org.tbg.pool.stats;

/**
 * A best share difficulty and when it was set; a weekly best belongs to the week of {@code setAtMillis}.
 *
 * @param difficulty  the difficulty the share's hash achieved
 * @param setAtMillis when the share was accepted (epoch millis)
 */
public record PersonalBest(double difficulty, long setAtMillis) {

    /** The week (its Monday 00:00 UTC, epoch millis) this best was set in. */
    public long weekStartMillis() {
        return UtcWeek.startOf(setAtMillis);
    }
}
