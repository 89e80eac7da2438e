package org.tbg.app.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** A {@link LoadReport} as a short table for the terminal. */
public final class LoadReportTable {
    /** The timeline line shows at most this many values; longer runs are averaged over wider buckets. */
    static final int MAX_TIMELINE_VALUES = 30;

    private LoadReportTable() {}

    public static String render(LoadReport r) {
        StringBuilder out = new StringBuilder();
        line(out, "loadtest", String.format(Locale.ROOT, "%s → %s: %d miners, %s shares/min each, %.1f s (ramp %s s)",
                r.profile(), r.target(), r.miners(), number(r.sharesPerMinute()), r.durationSeconds(), number(r.rampSeconds())));
        line(out, "connections", String.format(Locale.ROOT, "ok %d   failed %d   peak concurrent %d   reconnects %d",
                r.connectsOk(), r.connectsFailed(), r.peakConcurrent(), r.reconnects()));
        line(out, "shares", String.format(Locale.ROOT, "submitted %d   accepted %d   rejected %d   stale %d   skipped %d   %.2f/s%s",
                r.submitted(), r.accepted(), r.rejected(), r.stale(), r.skipped(), r.sharesPerSecond(),
                r.warmupSeconds() > 0 ? String.format(Locale.ROOT, " (%.2f/s after the warm-up)", r.steadySharesPerSecond()) : ""));
        if (!r.rejectsByReason().isEmpty()) {
            StringJoiner reasons = new StringJoiner("   ");
            r.rejectsByReason().forEach((reason, n) -> reasons.add(reason + " " + n));
            line(out, "rejects", reasons.toString());
        }
        LatencySummary l = r.latency().summary();
        line(out, "latency ms", l == null ? "no replies"
                : String.format(Locale.ROOT, "min %.3f   p50 %.3f   p95 %.3f   p99 %.3f   max %.3f   (%d replies%s)",
                        l.min(), l.p50(), l.p95(), l.p99(), l.max(), r.latency().count(),
                        r.warmupSeconds() > 0 ? " after a " + number(r.warmupSeconds()) + " s warm-up" : ""));
        line(out, "errors", errors(r));
        String timeline = timeline(r.timeline());
        if (!timeline.isEmpty()) {
            line(out, "timeline", timeline);
        }
        List<String> failures = r.failures();
        line(out, "result", failures.isEmpty() ? "OK" : "FAILED: " + String.join("; ", failures));
        return out.toString();
    }

    private static String errors(LoadReport r) {
        StringJoiner j = new StringJoiner("   ");
        for (Map.Entry<LoadError, Long> e : r.errors().entrySet()) {
            if (e.getValue() > 0) {
                String example = r.errorExamples().get(e.getKey());
                j.add(e.getKey().key() + " " + e.getValue() + (example == null ? "" : " (e.g. " + example + ")"));
            }
        }
        return j.length() == 0 ? "none" : j.toString();
    }

    /** Submits per second, averaged over buckets wide enough to fit {@link #MAX_TIMELINE_VALUES} values. */
    static String timeline(List<TimelineSecond> seconds) {
        if (seconds.isEmpty()) {
            return "";
        }
        int width = (seconds.size() + MAX_TIMELINE_VALUES - 1) / MAX_TIMELINE_VALUES;
        StringJoiner j = new StringJoiner(" ", "submitted/s" + (width == 1 ? "" : " (mean per " + width + " s)") + ": ", "");
        for (int from = 0; from < seconds.size(); from += width) {
            int to = Math.min(from + width, seconds.size());
            long sum = 0;
            for (int i = from; i < to; i++) {
                sum += seconds.get(i).submitted();
            }
            j.add(number((double) sum / (to - from)));
        }
        return j.toString();
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format(Locale.ROOT, "%-12s %s%n", label, text));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
