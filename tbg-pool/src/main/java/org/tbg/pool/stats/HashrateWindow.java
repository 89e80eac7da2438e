package org.tbg.pool.stats;

/** The spans a hashrate is reported over ({@code hashrate_1m/5m/1h/1d} in events and the database). */
public enum HashrateWindow {
    ONE_MINUTE(60),
    FIVE_MINUTES(300),
    ONE_HOUR(3_600),
    ONE_DAY(86_400);

    /** {@link #values()} clones its array on every call; the share path iterates this one instead. */
    static final HashrateWindow[] ALL = values();

    private final long seconds;

    HashrateWindow(long seconds) {
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }

    public long millis() {
        return seconds * 1000;
    }
}
