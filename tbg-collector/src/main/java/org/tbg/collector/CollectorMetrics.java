package org.tbg.collector;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The collector's Prometheus metrics (spec/metrics.md; dashboards use exactly these names):
 * {@code tbg_collector_events_total{sink,result}}, {@code tbg_collector_lag_seconds},
 * {@code tbg_collector_batch_seconds}. Thread-safe.
 */
public final class CollectorMetrics {
    public static final String SINK_POSTGRES = "postgres";
    public static final String SINK_REDIS = "redis";
    public static final String SINK_DECODE = "decode";

    public static final String STORED = "stored";
    public static final String DUPLICATE = "duplicate";
    public static final String EXPIRED = "expired";
    public static final String FAILED = "failed";

    private final Clock clock;
    private final Counter events;
    private final Histogram batchSeconds;
    private final List<Lag> lags = new CopyOnWriteArrayList<>();

    public CollectorMetrics(PrometheusRegistry registry, Clock clock) {
        this.clock = clock;
        this.events = Counter.builder()
                .name("tbg_collector_events_total")
                .help("Events by sink and result: stored, duplicate, expired (older than retention), failed "
                        + "(events of a write attempt that failed; retried), or why decoding refused them")
                .labelNames("sink", "result")
                .register(registry);
        this.batchSeconds = Histogram.builder()
                .name("tbg_collector_batch_seconds")
                .help("Time to write one batch to PostgreSQL and Redis (successful attempts)")
                .classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        GaugeWithCallback.builder()
                .name("tbg_collector_lag_seconds")
                .help("While a batch waits to be stored: now minus the ts of its oldest event; otherwise "
                        + "how old the newest event of the last stored batch was when it was stored")
                .callback(c -> c.call(lagSeconds()))
                .register(registry);
    }

    public void count(String sink, String result, long n) {
        if (n > 0) {
            events.labelValues(sink, result).inc(n);
        }
    }

    /** The counter's current value (for tests and summaries). */
    public long count(String sink, String result) {
        return (long) events.labelValues(sink, result).get();
    }

    public void batchWritten(double seconds) {
        batchSeconds.observe(seconds);
    }

    /** A lag tracker for one pipeline; the gauge shows the largest. */
    public Lag newLag() {
        Lag lag = new Lag();
        lags.add(lag);
        return lag;
    }

    public double lagSeconds() {
        long nowMicros = nowMicros();
        double max = 0;
        for (Lag lag : lags) {
            max = Math.max(max, lag.seconds(nowMicros));
        }
        return max;
    }

    private long nowMicros() {
        return clock.millis() * 1_000L;
    }

    /** One pipeline's lag. Written by its thread, read at scrape time. */
    public final class Lag {
        private volatile long pendingSinceMicros = -1;
        private volatile double lastSeconds;

        private Lag() {
        }

        /** A batch whose oldest event has this ts waits to be stored. */
        public void pending(long oldestTsMicros) {
            pendingSinceMicros = oldestTsMicros;
        }

        /** The batch is stored; its newest event has this ts. */
        public void stored(long newestTsMicros) {
            lastSeconds = Math.max(0, (nowMicros() - newestTsMicros) / 1e6);
            pendingSinceMicros = -1;
        }

        /** The batch was given up (shutdown): nothing waits any more. */
        public void abandoned() {
            pendingSinceMicros = -1;
        }

        double seconds(long nowMicros) {
            long pending = pendingSinceMicros;
            return pending >= 0 ? Math.max(0, (nowMicros - pending) / 1e6) : lastSeconds;
        }
    }
}
