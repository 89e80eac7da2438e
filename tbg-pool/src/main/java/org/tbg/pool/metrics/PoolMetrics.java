package org.tbg.pool.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Supplier;
import org.tbg.pool.PoolHealth;
import org.tbg.pool.PoolStats;

/**
 * The engine's Prometheus metrics, under the {@code ckpool_*} names the runbooks, dashboards and
 * alerts use (spec/metrics.md). Every value is read from {@link PoolStats} or the health view at
 * scrape time, so the share path only bumps its counters.
 */
public final class PoolMetrics {
    private PoolMetrics() {}

    public static void register(PrometheusRegistry registry, PoolStats stats, Supplier<PoolHealth> health) {
        registry.register(stats.shareProcessing());
        registry.register(stats.rpcDuration());
        GaugeWithCallback.builder().name("ckpool_connected_miners")
                .help("Connections with at least one authorized worker")
                .callback(c -> c.call(Math.max(0, stats.authorizedConnections().get()))).register(registry);
        GaugeWithCallback.builder().name("ckpool_connections")
                .help("Open stratum TCP connections")
                .callback(c -> c.call(Math.max(0, stats.connections().get()))).register(registry);
        GaugeWithCallback.builder().name("ckpool_asicboost_miners")
                .help("Open connections whose shares roll version bits (BIP310)")
                .callback(c -> c.call(Math.max(0, stats.asicBoostMiners().get()))).register(registry);
        GaugeWithCallback.builder().name("ckpool_block_height")
                .help("Height of the block the pool's current work builds")
                .callback(c -> c.call(health.get().blockHeight())).register(registry);
        GaugeWithCallback.builder().name("ckpool_bitcoin_connected")
                .help("1 when at least one Bitcoin node answers")
                .callback(c -> c.call(health.get().nodeUp() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("ckpool_template_age_seconds")
                .help("Seconds since the current block template was fetched")
                .callback(c -> c.call(health.get().templateAgeSeconds())).register(registry);
        GaugeWithCallback.builder().name("ckpool_uptime_seconds")
                .help("Seconds since the pool started")
                .callback(c -> c.call(health.get().uptimeSeconds())).register(registry);
        CounterWithCallback.builder().name("ckpool_shares_valid_total")
                .help("Accepted shares")
                .callback(c -> c.call(stats.sharesAccepted())).register(registry);
        CounterWithCallback.builder().name("ckpool_shares_invalid_total")
                .help("Rejected shares other than stale ones, by reason")
                .labelNames("reason")
                .callback(c -> stats.rejectsByReason().forEach((reason, n) -> c.call(n, reason))).register(registry);
        CounterWithCallback.builder().name("ckpool_shares_stale_total")
                .help("Shares for a job of a previous block")
                .callback(c -> c.call(stats.sharesStale())).register(registry);
        CounterWithCallback.builder().name("ckpool_total_diff_accepted_total")
                .help("Sum of the target difficulty of accepted shares (hashrate = rate x 2^32)")
                .callback(c -> c.call(stats.acceptedDifficultySum())).register(registry);
        CounterWithCallback.builder().name("ckpool_blocks_found_total")
                .help("Shares that met the network target")
                .callback(c -> c.call(stats.blocksFound())).register(registry);
        CounterWithCallback.builder().name("ckpool_vardiff_adjustments_total")
                .help("Difficulty changes made by vardiff, by direction")
                .labelNames("direction")
                .callback(c -> {
                    c.call(stats.vardiffUp(), "up");
                    c.call(stats.vardiffDown(), "down");
                }).register(registry);
        CounterWithCallback.builder().name("ckpool_blocks_rejected_total")
                .help("Found blocks no node accepted")
                .callback(c -> c.call(stats.blocksRejected())).register(registry);
        CounterWithCallback.builder().name("ckpool_connections_refused_total")
                .help("Connections closed as soon as they were accepted, by the limit that refused them")
                .labelNames("reason")
                .callback(c -> stats.refusalsByReason().forEach((reason, n) -> c.call(n, reason))).register(registry);
        CounterWithCallback.builder().name("ckpool_bans_total")
                .help("Client addresses banned for ban_seconds after an invalid-share storm")
                .callback(c -> c.call(stats.bans())).register(registry);
    }
}
