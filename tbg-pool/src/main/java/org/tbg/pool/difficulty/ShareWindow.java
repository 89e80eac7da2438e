package org.tbg.pool.difficulty;

/**
 * The accepted shares of one averaging window, as work: each share counts the difficulty it was
 * judged at. Thread rule: owned by one {@link Vardiff}.
 */
final class ShareWindow {
    private long openedMillis;
    private double work;
    private int shares;

    ShareWindow(long nowMillis) {
        restart(nowMillis);
    }

    void add(double judgedDifficulty) {
        work += judgedDifficulty;
        shares++;
    }

    int shares() {
        return shares;
    }

    long openedMillis() {
        return openedMillis;
    }

    /** Work per second of a window that ran its full length without reaching its share count. */
    double rateOverLength(long lengthMillis) {
        return work * 1000.0 / lengthMillis;
    }

    /**
     * Work per second of a window closed by its last share. A window that ends on an arrival is
     * short by construction (n shares in the time to the n-th, whose mean is n/rate), so n/T
     * overestimates by n/(n-1); counting n-1 of them makes the estimate unbiased.
     */
    double rateClosedByShare(long nowMillis) {
        return work * (shares - 1) / shares * 1000.0 / (nowMillis - openedMillis);
    }

    void restart(long nowMillis) {
        openedMillis = nowMillis;
        work = 0;
        shares = 0;
    }
}
