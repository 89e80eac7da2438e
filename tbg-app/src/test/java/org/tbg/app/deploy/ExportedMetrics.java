package org.tbg.app.deploy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tbg.app.events.EventBusMetrics;
import org.tbg.app.http.PoolHealthReport;
import org.tbg.app.http.RuntimeMetrics;
import org.tbg.app.http.StatusServer;
import org.tbg.collector.CollectorMetrics;
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


    private ExportedMetrics() {}

    /** The pool's, the collector's and Prometheus' own series names. */
    static Set<String> all() throws IOException, InterruptedException {
        Set<String> names = new TreeSet<>(ofPool());
        names.addAll(ofCollector());
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
        try (StatusServer server = new StatusServer(new InetSocketAddress("127.0.0.1", 0), registry,
                new PoolHealthReport(() -> health, null), () -> true)) {
            server.start();
            return Scrape.get("http://127.0.0.1:" + server.port() + "/metrics").names();
        }
    }

    /**
     * A collector's {@code /metrics} as {@code tbg collector} builds it: {@link CollectorMetrics} plus the
     * runtime metrics, with one series of each label set the dashboards use.
     */
    static Set<String> ofCollector() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        RuntimeMetrics.register(registry);
        CollectorMetrics metrics = new CollectorMetrics(registry, Clock.systemUTC());
        metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.STORED, 1);
        metrics.batchWritten(0.01);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return Scrape.parse(out.toString(StandardCharsets.UTF_8)).names();
    }
}
