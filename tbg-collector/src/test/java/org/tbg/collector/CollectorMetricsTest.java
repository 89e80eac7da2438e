package org.tbg.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CollectorMetricsTest {

    @Test
    void lagIsTheWaitOfThePendingBatchOrTheAgeOfTheLastStoredEvent() {
        MutableTestClock clock = new MutableTestClock(Instant.parse("2026-11-23T12:00:00Z"));
        CollectorMetrics metrics = new CollectorMetrics(new PrometheusRegistry(), clock);
        CollectorMetrics.Lag a = metrics.newLag();
        CollectorMetrics.Lag b = metrics.newLag();
        long now = clock.millis() * 1_000;

        assertThat(metrics.lagSeconds()).isZero();
        a.pending(now - 3_000_000);
        assertThat(metrics.lagSeconds()).isEqualTo(3.0);
        clock.advanceMillis(2_000); // the database is down: the lag grows
        assertThat(metrics.lagSeconds()).isEqualTo(5.0);
        a.stored(now - 500_000);     // newest event was 0.5 s old when the batch was written... 2 s ago
        assertThat(metrics.lagSeconds()).isEqualTo(2.5);
        b.pending(now + 1_000_000);
        assertThat(metrics.lagSeconds()).isEqualTo(2.5); // the largest of the pipelines
        b.abandoned();
        a.abandoned();
        assertThat(metrics.lagSeconds()).isEqualTo(2.5);
    }

    @Test
    void exportsTheNamesTheDashboardsUse() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        CollectorMetrics metrics = new CollectorMetrics(registry, java.time.Clock.systemUTC());
        metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.STORED, 42);
        metrics.count(CollectorMetrics.SINK_DECODE, "bad_json", 1);
        metrics.count(CollectorMetrics.SINK_REDIS, CollectorMetrics.STORED, 0); // nothing: no series
        metrics.batchWritten(0.02);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("tbg_collector_events_total{result=\"stored\",sink=\"postgres\"} 42.0")
                .contains("tbg_collector_events_total{result=\"bad_json\",sink=\"decode\"} 1.0")
                .doesNotContain("sink=\"redis\"")
                .contains("tbg_collector_batch_seconds_bucket{le=\"0.025\"} 1")
                .contains("tbg_collector_batch_seconds_count 1")
                .contains("tbg_collector_lag_seconds 0.0");
    }

    /** A clock moved by hand. */
    static final class MutableTestClock extends java.time.Clock {
        private Instant now;

        MutableTestClock(Instant start) {
            now = start;
        }

        void advanceMillis(long ms) {
            now = now.plusMillis(ms);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
