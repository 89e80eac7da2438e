package org.tbg.app.deploy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tbg.app.events.EventBusMetrics;
import org.tbg.app.http.StatusServer;
import org.tbg.events.bus.EventBus;
import org.tbg.events.bus.EventBusSettings;
import org.tbg.events.bus.InProcessSink;
import org.tbg.pool.PoolHealth;
import org.tbg.pool.PoolStats;
import org.tbg.pool.share.ShareResult;

/**
 * Every series name the project's processes export, as Prometheus sees them in a scrape: the
 * names dashboards and alert rules may query. Suffixes ({@code _total}, {@code _bucket},
 * {@code _sum}, {@code _count}) come out of the Prometheus client's own text writer, never from a
 * rule of ours.
 */
final class ExportedMetrics {
    /** Series Prometheus writes itself for every scrape target. */
    static final Set<String> PER_TARGET_SERIES = Set.of(
            "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
            "scrape_series_added");

    enum Kind { COUNTER, GAUGE, HISTOGRAM }

    /** A metric declared the way its module will declare it. */
    record PendingMetric(String name, Kind kind, String... labelNames) { }

    /**
     * The metrics of the modules being written now, as spec/metrics.md names them. When they land,
     * the lead replaces this list by their real registries: the event bus's metrics
     * ({@code ckpool_events_*}, tbg-events) and {@code org.tbg.collector.CollectorMetrics}
     * ({@code tbg_collector_*}).
     */
    static final List<PendingMetric> NOT_YET_EXPORTED = List.of(
            new PendingMetric("tbg_collector_events_total", Kind.COUNTER, "sink", "result"),
            new PendingMetric("tbg_collector_lag_seconds", Kind.GAUGE),
            new PendingMetric("tbg_collector_batch_seconds", Kind.HISTOGRAM));

    private ExportedMetrics() {}

    /** The pool's, the pending modules' and Prometheus' own series names. */
    static Set<String> all() throws IOException, InterruptedException {
        Set<String> names = new TreeSet<>(ofPool());
        names.addAll(ofPending());
        names.addAll(PER_TARGET_SERIES);
        return names;
    }

    /**
     * A pool's {@code /metrics}, fetched over HTTP from a real {@link StatusServer} with the registry
     * {@code tbg pool} serves (engine, JVM and process metrics). Labelled families only appear once
     * they have a series, so the stats get one of each first.
     */
    static Set<String> ofPool() throws IOException, InterruptedException {
        PoolStats stats = new PoolStats();
        stats.shareAccepted(1);
        stats.shareRejected("Low difficulty share");
        stats.shareRejected(ShareResult.STALE);
        stats.shareProcessed(1_000);
        stats.rpcCallFinished("127.0.0.1:8332", "getblocktemplate", 1_000_000);
        PoolHealth health = new PoolHealth(true, 60, 800_000, 5, List.of("127.0.0.1:8332"), "127.0.0.1:8332", true, 1, 1);
        PrometheusRegistry registry = StatusServer.poolRegistry(stats, () -> health);
        try (EventBus bus = EventBus.start(EventBusSettings.defaults(), List.of(new InProcessSink(batch -> { })))) {
            EventBusMetrics.register(registry, bus); // what `tbg pool` adds to the same registry
            return scrape(registry, health);
        }
    }

    private static Set<String> scrape(PrometheusRegistry registry, PoolHealth health) throws IOException, InterruptedException {
        try (StatusServer server = new StatusServer(new InetSocketAddress("127.0.0.1", 0), registry, () -> health, () -> true)) {
            server.start();
            return Scrape.get("http://127.0.0.1:" + server.port() + "/metrics").names();
        }
    }

    /** {@link #NOT_YET_EXPORTED} registered and written by the Prometheus client, one series each. */
    static Set<String> ofPending() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        for (PendingMetric m : NOT_YET_EXPORTED) {
            String[] values = new String[m.labelNames().length];
            Arrays.fill(values, "x");
            switch (m.kind()) {
                case COUNTER -> Counter.builder().name(m.name()).labelNames(m.labelNames()).register(registry)
                        .labelValues(values).inc();
                case GAUGE -> Gauge.builder().name(m.name()).labelNames(m.labelNames()).register(registry)
                        .labelValues(values).set(1);
                case HISTOGRAM -> Histogram.builder().name(m.name()).labelNames(m.labelNames()).classicOnly()
                        .register(registry).labelValues(values).observe(1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return Scrape.parse(out.toString(StandardCharsets.UTF_8)).names();
    }
}
