package org.tbg.pool.stats;

/** How long a best-difficulty record stands, narrowest first (the order record breaks are reported in). */
public enum RecordScope {
    /** One connection: starts at zero with every connection. */
    SESSION("session"),
    /** Monday 00:00 UTC to the next Monday 00:00 UTC. */
    WEEKLY("weekly"),
    ALL_TIME("alltime");

    private final String eventName;

    RecordScope(String eventName) {
        this.eventName = eventName;
    }

    /** The {@code scope} field of the {@code share_best_diff} event. */
    public String eventName() {
        return eventName;
    }
}
