package org.tbg.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every metric of spec/metrics.md's table is exported by the process the spec gives it to, under
 * the series names Prometheus stores (counters end in {@code _total}, histograms come as
 * {@code _bucket}/{@code _sum}/{@code _count}). The spec lives outside this repository, so its
 * table is copied here; change both together.
 */
class SpecMetricsTest {
    /** The pool's rows of the table, as scraped series. */
    private static final List<String> POOL = List.of(
            "ckpool_connected_miners",
            "ckpool_connections",
            "ckpool_block_height",
            "ckpool_bitcoin_connected",
            "ckpool_shares_valid_total",
            "ckpool_shares_invalid_total",
            "ckpool_shares_stale_total",
            "ckpool_total_diff_accepted_total",
            "ckpool_blocks_found_total",
            "ckpool_blocks_rejected_total",
            "ckpool_share_processing_seconds_bucket",
            "ckpool_share_processing_seconds_sum",
            "ckpool_share_processing_seconds_count",
            "ckpool_template_age_seconds",
            "ckpool_rpc_duration_seconds_bucket",
            "ckpool_rpc_duration_seconds_count",
            "ckpool_events_emitted_total",
            "ckpool_events_dropped_total",
            "ckpool_events_queued",
            "ckpool_vardiff_adjustments_total",
            "ckpool_asicboost_miners",
            "ckpool_uptime_seconds");
    /** "standard process/JVM collectors (RSS, CPU, open fds, GC)", on both processes. */
    private static final List<String> RUNTIME = List.of(
            "process_resident_memory_bytes",
            "process_cpu_seconds_total",
            "process_open_fds",
            "jvm_gc_collection_seconds_count",
            "jvm_memory_used_bytes");
    private static final List<String> COLLECTOR = List.of(
            "tbg_collector_events_total",
            "tbg_collector_lag_seconds",
            "tbg_collector_batch_seconds_bucket",
            "tbg_collector_batch_seconds_count");

    @Test
    void thePoolExportsEveryPoolMetricOfTheSpecAndTheRuntimeCollectors() throws Exception {
        Set<String> pool = ExportedMetrics.ofPool();
        assertThat(pool).containsAll(POOL).containsAll(RUNTIME);
    }

    @Test
    void theCollectorExportsItsMetricsAndTheRuntimeCollectors() throws Exception {
        Set<String> collector = ExportedMetrics.ofCollector();
        assertThat(collector).containsAll(COLLECTOR).containsAll(RUNTIME);
    }
}
