package org.tbg.pool.stats;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The records of one worker or user that outlive a connection. Thread-safe without locks: a share
 * that does not break a record costs two volatile reads; one that does swaps in a new immutable
 * {@link PersonalBest} by compare-and-set, retrying if another event loop raised it meanwhile, so the
 * record is always the true maximum.
 */
public final class WeeklyAndAllTimeBests {
    private final AtomicReference<PersonalBest> weekly = new AtomicReference<>();
    private final AtomicReference<PersonalBest> allTime = new AtomicReference<>();

    /** The best of the week containing {@code nowMillis}, or null when none was set that week. */
    public PersonalBest weekly(long nowMillis) {
        PersonalBest b = weekly.get();
        return b != null && b.weekStartMillis() == UtcWeek.startOf(nowMillis) ? b : null;
    }

    /** The best ever, or null when none. */
    public PersonalBest allTime() {
        return allTime.get();
    }

    /**
     * @param weekStartMillis {@code UtcWeek.startOf(nowMillis)}, computed once per share by the caller
     * @return the previous weekly best (0 when none this week) when {@code difficulty} beats it, else NaN
     */
    double raiseWeekly(double difficulty, long nowMillis, long weekStartMillis) {
        for (;;) {
            PersonalBest current = weekly.get();
            double previous = 0;
            if (current != null) {
                long currentWeek = current.weekStartMillis();
                if (currentWeek > weekStartMillis) {
                    return Double.NaN; // a share stamped before Monday, seen after a record of the new week
                }
                if (currentWeek == weekStartMillis) {
                    previous = current.difficulty();
                }
            }
            if (!(difficulty > previous)) {
                return Double.NaN;
            }
            if (weekly.compareAndSet(current, new PersonalBest(difficulty, nowMillis))) {
                return previous;
            }
        }
    }

    /** @return the previous all-time best (0 when none) when {@code difficulty} beats it, else NaN */
    double raiseAllTime(double difficulty, long nowMillis) {
        for (;;) {
            PersonalBest current = allTime.get();
            double previous = current == null ? 0 : current.difficulty();
            if (!(difficulty > previous)) {
                return Double.NaN;
            }
            if (allTime.compareAndSet(current, new PersonalBest(difficulty, nowMillis))) {
                return previous;
            }
        }
    }

    /**
     * Reinstates persisted records (at startup); keeps whichever is higher, so it never lowers one.
     * A weekly best is an all-time candidate too, which keeps weekly ≤ all-time whatever was read.
     */
    void restore(PersonalBest weeklyBest, PersonalBest allTimeBest) {
        if (weeklyBest != null) {
            raiseWeekly(weeklyBest.difficulty(), weeklyBest.setAtMillis(), weeklyBest.weekStartMillis());
            raiseAllTime(weeklyBest.difficulty(), weeklyBest.setAtMillis());
        }
        if (allTimeBest != null) {
            raiseAllTime(allTimeBest.difficulty(), allTimeBest.setAtMillis());
        }
    }
}
