package org.tbg.app.loadtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one load run.
 *
 * @param profile          the profile's name, or {@value LoadProfile#CUSTOM} when the command line changed it
 * @param target           {@code host:port} that was loaded
 * @param durationSeconds  measured length of the submit phase (the drain after it is not counted)
 * @param warmupSeconds    submits sent before this are not in {@link #latency} nor in {@link #steadySharesPerSecond()}
 * @param connectsOk       handshakes that got to mining (reconnects included)
 * @param connectsFailed   handshakes that did not; {@link #errors} says why
 * @param peakConcurrent   most TCP connections open at once
 * @param rejected         every rejecting reply, stale ones included
 * @param stale            the rejects whose reason says the job was stale
 * @param rejectsByReason  rejects by the pool's reason text (stale ones under their own reason)
 * @param skipped          valid shares not sent: none found within the per-share work bound, every grinder
 *                         busy, or the connection left before the share was found
 * @param reconnects       {@code client.reconnect} requests followed
 * @param latency          send → reply of every answered submit sent after the warm-up
 * @param errors           every {@link LoadError} kind, zero included
 * @param errorExamples    the first detail seen of each kind that occurred
 * @param timeline         per-second counts from the start of the run
 */
public record LoadReport(
        String profile,
        int miners,
        double sharesPerMinute,
        double rampSeconds,
        String target,
        double durationSeconds,
        double warmupSeconds,
        long connectsOk,
        long connectsFailed,
        int peakConcurrent,
        long submitted,
        long accepted,
        long rejected,
        long stale,
        Map<String, Long> rejectsByReason,
        long skipped,
        long reconnects,
        LatencyDistribution latency,
        Map<LoadError, Long> errors,
        Map<LoadError, String> errorExamples,
        List<TimelineSecond> timeline) {

    public LoadReport {
        rejectsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectsByReason));
        Map<LoadError, Long> all = new EnumMap<>(LoadError.class);
        for (LoadError e : LoadError.values()) {
            all.put(e, errors.getOrDefault(e, 0L));
        }
        errors = Collections.unmodifiableMap(all);
        Map<LoadError, String> examples = new EnumMap<>(LoadError.class);
        examples.putAll(errorExamples);
        errorExamples = Collections.unmodifiableMap(examples);
        timeline = List.copyOf(timeline);
    }

    /** Submits per second over the submit phase. */
    public double sharesPerSecond() {
        return durationSeconds > 0 ? submitted / durationSeconds : 0;
    }

    /**
     * Submits per second over the whole seconds between the end of the warm-up and the end of
     * the submit phase: the rate the pool sustained once every miner was connected (the ramp
     * should end within the warm-up); unlike {@link #sharesPerSecond()} the ramp does not dilute
     * it. 0 when no whole second is left.
     */
    public double steadySharesPerSecond() {
        int from = (int) Math.ceil(warmupSeconds);
        int to = (int) Math.floor(durationSeconds); // exclusive: the last partial second is not a whole one
        long n = 0;
        for (TimelineSecond s : timeline) {
            if (s.second() >= from && s.second() < to) {
                n += s.submitted();
            }
        }
        return to > from ? (double) n / (to - from) : 0;
    }

    public long errorCount(LoadError kind) {
        return errors.get(kind);
    }

    /** One line per reason the run counts as failed; empty when it succeeded. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        if (connectsOk == 0 && connectsFailed == 0) {
            out.add("no miner completed a handshake");
        }
        if (connectsFailed > 0) {
            out.add(connectsFailed + " of " + (connectsOk + connectsFailed) + " connection attempts failed");
        }
        long dropped = errorCount(LoadError.DISCONNECTED);
        if (dropped > 0) {
            out.add("the pool closed " + dropped + " mining connection" + (dropped == 1 ? "" : "s"));
        }
        return out;
    }
}
