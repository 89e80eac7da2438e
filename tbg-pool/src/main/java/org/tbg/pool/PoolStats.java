package org.tbg.pool;

import io.prometheus.metrics.core.metrics.Histogram;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.tbg.pool.share.ShareResult;

/** Running totals of the engine, each fact counted once; the source for metrics and health. */
public final class PoolStats {
    private final LongAdder sharesAccepted = new LongAdder();
    private final LongAdder sharesStale = new LongAdder();
    private final DoubleAdder acceptedDifficulty = new DoubleAdder();
    private final Map<String, LongAdder> sharesRejected = new ConcurrentHashMap<>();
    private final LongAdder blocksFound = new LongAdder();
    private final LongAdder vardiffUp = new LongAdder();
    private final LongAdder vardiffDown = new LongAdder();
    private final LongAdder blocksAccepted = new LongAdder();
    private final LongAdder blocksRejected = new LongAdder();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger authorizedConnections = new AtomicInteger();
    private final AtomicInteger asicBoostMiners = new AtomicInteger();
    private final Map<String, LongAdder> connectionsRefused = new ConcurrentHashMap<>();
    private final LongAdder bans = new LongAdder();
    /** Submit received → reply written; buckets around the 50 ms alert threshold and well below it. */
    private final Histogram shareProcessing = Histogram.builder()
            .name("ckpool_share_processing_seconds")
            .help("Time from a mining.submit being read to its reply being written")
            .classicOnly()
            .classicUpperBounds(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25)
            .build();
    /** One JSON-RPC call to a node, answered or not; up to the default rpc_timeout (10 s). */
    private final Histogram rpcDuration = Histogram.builder()
            .name("ckpool_rpc_duration_seconds")
            .help("Duration of JSON-RPC calls to the Bitcoin nodes, by method and node")
            .labelNames("method", "node")
            .classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .build();

    public void shareAccepted(double targetDiff) {
        sharesAccepted.increment();
        acceptedDifficulty.add(targetDiff);
    }

    /**
     * A rejected share, counted once: a stale one under {@link #sharesStale()}, any other under its
     * reason (as ckpool does, so valid + invalid + stale = every submit).
     */
    public void shareRejected(String reason) {
        if (reason.equals(ShareResult.STALE)) {
            sharesStale.increment();
        } else {
            sharesRejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
    }

    public void shareProcessed(long nanos) {
        shareProcessing.observe(nanos / 1e9);
    }

    public Histogram shareProcessing() { return shareProcessing; }

    /** An {@link org.tbg.bitcoin.rpc.RpcCallListener}: one node call finished. */
    public void rpcCallFinished(String node, String method, long nanos) {
        rpcDuration.labelValues(method, node).observe(nanos / 1e9);
    }

    public Histogram rpcDuration() { return rpcDuration; }

    public void blockFound() { blocksFound.increment(); }

    public void vardiffAdjusted(boolean up) {
        (up ? vardiffUp : vardiffDown).increment();
    }

    public long vardiffUp() { return vardiffUp.sum(); }
    public long vardiffDown() { return vardiffDown.sum(); }
    public void blockAccepted() { blocksAccepted.increment(); }
    public void blockRejected() { blocksRejected.increment(); }

    public AtomicInteger connections() { return connections; }
    public AtomicInteger authorizedConnections() { return authorizedConnections; }
    /** Open connections whose shares roll version bits. */
    public AtomicInteger asicBoostMiners() { return asicBoostMiners; }

    public long sharesAccepted() { return sharesAccepted.sum(); }
    public long sharesStale() { return sharesStale.sum(); }
    public double acceptedDifficultySum() { return acceptedDifficulty.sum(); }
    public long blocksFound() { return blocksFound.sum(); }
    public long blocksAccepted() { return blocksAccepted.sum(); }
    public long blocksRejected() { return blocksRejected.sum(); }

    /** Every rejected share, stale ones included. */
    public long sharesRejected() {
        long n = sharesStale.sum();
        for (LongAdder a : sharesRejected.values()) n += a.sum();
        return n;
    }

    /** Rejects other than stale ones, by reason, sorted by reason. */
    public Map<String, Long> rejectsByReason() {
        Map<String, Long> m = new TreeMap<>();
        sharesRejected.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** A connection closed at accept time; {@code reason} is a {@link org.tbg.pool.limits.Refusal} label. */
    public void connectionRefused(String reason) {
        connectionsRefused.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Refused connections by reason, sorted by reason. */
    public Map<String, Long> refusalsByReason() {
        Map<String, Long> m = new TreeMap<>();
        connectionsRefused.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** An address was banned (an invalid-share storm ended in a close). */
    public void banned() { bans.increment(); }

    public long bans() { return bans.sum(); }
}
