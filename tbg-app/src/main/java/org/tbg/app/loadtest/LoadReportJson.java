package org.tbg.app.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link LoadReport} as JSON for scripts and dashboards. The field names are a contract:
 * {@code profile, miners, duration_s, connects_ok, connects_failed, peak_concurrent, submitted,
 * accepted, rejected, stale, rejects_by_reason{}, shares_per_s, latency_ms{min,p50,p95,p99,max},
 * errors{}} always appear ({@code latency_ms} values are null when nothing was answered; {@code
 * errors} has every kind, zero included). Also: {@code target, rate_per_min, ramp_s, warmup_s,
 * steady_shares_per_s, skipped, reconnects, latency_samples, timeline[{t, submitted, accepted,
 * rejected, max_ms}]}; the latencies leave out the warm-up, {@code max_ms} does not. Times in seconds or
 * milliseconds as the name says, rounded to the microsecond.
 */
public final class LoadReportJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int DECIMALS = 3;

    private LoadReportJson() {}

    public static ObjectNode toJson(LoadReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("profile", r.profile());
        o.put("miners", r.miners());
        o.put("duration_s", round(r.durationSeconds()));
        o.put("connects_ok", r.connectsOk());
        o.put("connects_failed", r.connectsFailed());
        o.put("peak_concurrent", r.peakConcurrent());
        o.put("submitted", r.submitted());
        o.put("accepted", r.accepted());
        o.put("rejected", r.rejected());
        o.put("stale", r.stale());
        ObjectNode reasons = o.putObject("rejects_by_reason");
        r.rejectsByReason().forEach(reasons::put);
        o.put("shares_per_s", round(r.sharesPerSecond()));
        ObjectNode latency = o.putObject("latency_ms");
        LatencySummary l = r.latency().summary();
        putMillis(latency, "min", l == null ? null : l.min());
        putMillis(latency, "p50", l == null ? null : l.p50());
        putMillis(latency, "p95", l == null ? null : l.p95());
        putMillis(latency, "p99", l == null ? null : l.p99());
        putMillis(latency, "max", l == null ? null : l.max());
        ObjectNode errors = o.putObject("errors");
        for (Map.Entry<LoadError, Long> e : r.errors().entrySet()) {
            errors.put(e.getKey().key(), e.getValue());
        }
        o.put("target", r.target());
        o.put("rate_per_min", BigDecimal.valueOf(r.sharesPerMinute()).stripTrailingZeros());
        o.put("ramp_s", round(r.rampSeconds()));
        o.put("warmup_s", round(r.warmupSeconds()));
        o.put("steady_shares_per_s", round(r.steadySharesPerSecond()));
        o.put("skipped", r.skipped());
        o.put("reconnects", r.reconnects());
        o.put("latency_samples", r.latency().count());
        ArrayNode timeline = o.putArray("timeline");
        for (TimelineSecond s : r.timeline()) {
            timeline.addObject().put("t", s.second()).put("submitted", s.submitted()).put("accepted", s.accepted())
                    .put("rejected", s.rejected()).put("max_ms", round(s.maxLatencyMillis()));
        }
        return o;
    }

    public static String toJsonText(LoadReport r) {
        try {
            return JSON.writeValueAsString(toJson(r)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    public static void write(LoadReport r, Path file) throws IOException {
        Files.writeString(file, toJsonText(r), StandardCharsets.UTF_8);
    }

    private static void putMillis(ObjectNode o, String name, Double millis) {
        if (millis == null) {
            o.putNull(name);
        } else {
            o.put(name, round(millis));
        }
    }

    private static BigDecimal round(double v) {
        return BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_UP);
    }
}
