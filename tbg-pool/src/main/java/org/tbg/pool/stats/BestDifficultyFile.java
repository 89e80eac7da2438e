package org.tbg.pool.stats;

import java.util.List;

/**
 * The on-disk form of the weekly and all-time records ({@code <logdir>/best-difficulty.json}),
 * written by Jackson with snake_case names:
 * <pre>
 * {"format":1,"saved_at_millis":…,
 *  "workers":[{"user":"bc1q…","worker":"rig1","weekly":{"difficulty":…,"set_at_millis":…},"all_time":{…}}],
 *  "users":[{"user":"bc1q…","weekly":{…},"all_time":{…}}]}
 * </pre>
 * {@code weekly} is left out when the holder has no record in the week of {@code saved_at_millis}.
 */
record BestDifficultyFile(int format, long savedAtMillis, List<WorkerEntry> workers, List<UserEntry> users) {

    /** Bumped on any change a previous version could not read correctly. */
    static final int FORMAT = 1;

    /** A worker's records; {@code worker} is the label after the address, "" when there is none. */
    record WorkerEntry(String user, String worker, PersonalBest weekly, PersonalBest allTime) {
    }

    record UserEntry(String user, PersonalBest weekly, PersonalBest allTime) {
    }

    /** What is wrong with a parsed file, or null when it can be loaded. */
    String problem() {
        if (format != FORMAT) {
            return "format " + format + " is not supported (expected " + FORMAT + ")";
        }
        if (workers == null || users == null) {
            return "missing \"workers\" or \"users\"";
        }
        for (WorkerEntry e : workers) {
            String p = e == null ? "null entry"
                    : e.user() == null || e.user().isEmpty() || e.worker() == null ? "worker entry without user or worker"
                    : problem(e.weekly(), e.allTime());
            if (p != null) {
                return p + " (workers)";
            }
        }
        for (UserEntry e : users) {
            String p = e == null ? "null entry"
                    : e.user() == null || e.user().isEmpty() ? "user entry without user"
                    : problem(e.weekly(), e.allTime());
            if (p != null) {
                return p + " (users)";
            }
        }
        return null;
    }

    private static String problem(PersonalBest weekly, PersonalBest allTime) {
        if (allTime == null) {
            return "entry without all_time";
        }
        if (!valid(allTime) || (weekly != null && !valid(weekly))) {
            return "difficulty not a positive number";
        }
        return null;
    }

    private static boolean valid(PersonalBest b) {
        return b.difficulty() > 0 && !Double.isInfinite(b.difficulty());
    }
}
