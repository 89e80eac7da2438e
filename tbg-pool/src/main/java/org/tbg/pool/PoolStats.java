package org.tbg.pool;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of the engine, each fact counted once; the source for metrics and health. */
public final class PoolStats {
    private final LongAdder sharesAccepted = new LongAdder();
    private final LongAdder sharesStale = new LongAdder();
    private final DoubleAdder acceptedDifficulty = new DoubleAdder();
    private final Map<String, LongAdder> sharesRejected = new ConcurrentHashMap<>();
    private final LongAdder blocksFound = new LongAdder();
    private final LongAdder blocksAccepted = new LongAdder();
    private final LongAdder blocksRejected = new LongAdder();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger authorizedConnections = new AtomicInteger();

    public void shareAccepted(double targetDiff) {
        sharesAccepted.increment();
        acceptedDifficulty.add(targetDiff);
    }

    public void shareRejected(String reason) {
        if (reason.equals("Stale")) {
            sharesStale.increment();
        }
        sharesRejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public void blockFound() { blocksFound.increment(); }
    public void blockAccepted() { blocksAccepted.increment(); }
    public void blockRejected() { blocksRejected.increment(); }

    public AtomicInteger connections() { return connections; }
    public AtomicInteger authorizedConnections() { return authorizedConnections; }

    public long sharesAccepted() { return sharesAccepted.sum(); }
    public long sharesStale() { return sharesStale.sum(); }
    public double acceptedDifficultySum() { return acceptedDifficulty.sum(); }
    public long blocksFound() { return blocksFound.sum(); }
    public long blocksAccepted() { return blocksAccepted.sum(); }
    public long blocksRejected() { return blocksRejected.sum(); }

    public long sharesRejected() {
        long n = 0;
        for (LongAdder a : sharesRejected.values()) n += a.sum();
        return n;
    }

    /** Rejects by reason, sorted by reason. */
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> m = new TreeMap<>();
        sharesRejected.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
