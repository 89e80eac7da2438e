package org.tbg.app.loadtest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.tbg.app.config.HostPort;

/**
 * The live counters of one run. Every method may be called from any thread: counters are
 * adders and atomics, maps are concurrent. A submit ends exactly one way (answered, or one of the
 * submit errors), so {@code submitted = accepted + rejected + protocol errors on submits + submit
 * errors} once nothing is in flight.
 */
final class LoadRecorder {
    /** Distinct reject reasons kept; a pool that writes data into its reasons must not grow the report without bound. */
    static final int MAX_REASONS = 50;
    static final String OTHER_REASONS = "(other reasons)";

    private final long startNanos;
    /** Replies to submits sent before this are left out of the latencies (JIT warm-up on both sides). */
    private final long warmupEndNanos;
    private final LongAdder connectsOk = new LongAdder();
    private final LongAdder connectsFailed = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<String, LongAdder> rejectsByReason = new ConcurrentHashMap<>();
    private final Map<LoadError, LongAdder> errors = new EnumMap<>(LoadError.class);
    private final Map<LoadError, String> firstDetail = new ConcurrentHashMap<>();
    private final AtomicLongArray submittedPerSecond;
    private final AtomicLongArray acceptedPerSecond;
    private final AtomicLongArray rejectedPerSecond;
    private final AtomicLongArray maxLatencyPerSecond;
    private final LatencySamples latency = new LatencySamples();

    /** A recorder without a warm-up. */
    LoadRecorder(long startNanos, int seconds) {
        this(startNanos, seconds, 0);
    }

    /**
     * @param seconds     length of the per-second timeline; later events land in its last second
     * @param warmupNanos from the start; replies to submits sent before it are not in the latencies
     */
    LoadRecorder(long startNanos, int seconds, long warmupNanos) {
        this.startNanos = startNanos;
        this.warmupEndNanos = startNanos + warmupNanos;
        for (LoadError e : LoadError.values()) {
            errors.put(e, new LongAdder()); // filled once, then only read: safe to share
        }
        submittedPerSecond = new AtomicLongArray(seconds);
        acceptedPerSecond = new AtomicLongArray(seconds);
        rejectedPerSecond = new AtomicLongArray(seconds);
        maxLatencyPerSecond = new AtomicLongArray(seconds);
    }

    void connectionOpened() {
        int now = open.incrementAndGet();
        peakOpen.accumulateAndGet(now, Math::max);
    }

    void connectionClosed() {
        open.decrementAndGet();
    }

    void handshakeSucceeded() {
        connectsOk.increment();
    }

    void handshakeFailed(LoadError kind, String detail) {
        connectsFailed.increment();
        error(kind, detail);
    }

    void submitted(long nowNanos) {
        submitted.increment();
        inFlight.incrementAndGet();
        submittedPerSecond.incrementAndGet(second(nowNanos));
    }

    void answered(SubmitVerdict verdict, long sentNanos, long nowNanos) {
        inFlight.decrementAndGet();
        switch (verdict.kind()) {
            case ACCEPTED -> {
                accepted.increment();
                acceptedPerSecond.incrementAndGet(second(nowNanos));
                measured(sentNanos, nowNanos);
            }
            case REJECTED -> {
                rejected.increment();
                if (verdict.stale()) {
                    stale.increment();
                }
                reasonCounter(verdict.reason()).increment();
                rejectedPerSecond.incrementAndGet(second(nowNanos));
                measured(sentNanos, nowNanos);
            }
            case MALFORMED -> error(LoadError.PROTOCOL_ERROR, verdict.reason());
        }
    }

    /** Every reply goes into its second's maximum; only those sent after the warm-up into the distribution. */
    private void measured(long sentNanos, long nowNanos) {
        long took = nowNanos - sentNanos;
        maxLatencyPerSecond.accumulateAndGet(second(nowNanos), took, Math::max);
        if (sentNanos >= warmupEndNanos) {
            latency.add(took);
        }
    }

    void submitFailed(LoadError kind, String detail) {
        inFlight.decrementAndGet();
        error(kind, detail);
    }

    void error(LoadError kind, String detail) {
        errors.get(kind).increment();
        if (detail != null) {
            firstDetail.putIfAbsent(kind, detail);
        }
    }

    void skipped() {
        skipped.increment();
    }

    void reconnectRequested() {
        reconnects.increment();
    }

    long inFlight() {
        return inFlight.get();
    }

    int openConnections() {
        return open.get();
    }

    long connectsOk() {
        return connectsOk.sum();
    }

    long submittedCount() {
        return submitted.sum();
    }

    long acceptedCount() {
        return accepted.sum();
    }

    long rejectedCount() {
        return rejected.sum();
    }

    /** The numbers as they stand; call once nothing is running any more for a final report. */
    LoadReport report(LoadPlan plan, String profileName, double durationSeconds) {
        Map<String, Long> reasons = new TreeMap<>();
        rejectsByReason.forEach((reason, n) -> reasons.put(reason, n.sum()));
        Map<LoadError, Long> errorCounts = new EnumMap<>(LoadError.class);
        errors.forEach((kind, n) -> errorCounts.put(kind, n.sum()));
        Map<LoadError, String> examples = new EnumMap<>(LoadError.class);
        examples.putAll(firstDetail);
        return new LoadReport(profileName, plan.profile().miners(), plan.profile().sharesPerMinute(),
                plan.profile().ramp().toMillis() / 1000.0, new HostPort(plan.host(), plan.port()).toString(), durationSeconds,
                plan.warmup().toMillis() / 1000.0,
                connectsOk.sum(), connectsFailed.sum(), peakOpen.get(),
                submitted.sum(), accepted.sum(), rejected.sum(), stale.sum(), reasons, skipped.sum(), reconnects.sum(),
                latency.snapshot(), errorCounts, examples, timeline());
    }

    private List<TimelineSecond> timeline() {
        int last = -1;
        for (int s = 0; s < submittedPerSecond.length(); s++) {
            if (submittedPerSecond.get(s) + acceptedPerSecond.get(s) + rejectedPerSecond.get(s) > 0) {
                last = s;
            }
        }
        List<TimelineSecond> out = new ArrayList<>(last + 1);
        for (int s = 0; s <= last; s++) {
            out.add(new TimelineSecond(s, submittedPerSecond.get(s), acceptedPerSecond.get(s), rejectedPerSecond.get(s),
                    maxLatencyPerSecond.get(s) / 1e6));
        }
        return out;
    }

    private LongAdder reasonCounter(String reason) {
        LongAdder n = rejectsByReason.get(reason);
        if (n != null) {
            return n;
        }
        String key = rejectsByReason.size() < MAX_REASONS ? reason : OTHER_REASONS;
        return rejectsByReason.computeIfAbsent(key, k -> new LongAdder());
    }

    private int second(long nowNanos) {
        long s = Math.max(0, (nowNanos - startNanos) / 1_000_000_000L);
        return (int) Math.min(s, submittedPerSecond.length() - 1);
    }
}
