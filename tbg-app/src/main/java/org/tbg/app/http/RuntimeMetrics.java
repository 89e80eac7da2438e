package org.tbg.app.http;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The metrics every tbg process exports about itself: the standard JVM and process collectors
 * ({@code jvm_*}, {@code process_*}: heap, GC, threads, CPU seconds, RSS, open fds) and
 * {@code jvm_cpu_count}, so "CPU above 80 %" (the seeds' scaling trigger) can be told against the
 * processors the process may really use rather than a core count guessed in the alert rule.
 */
public final class RuntimeMetrics {
    private RuntimeMetrics() {}

    public static void register(PrometheusRegistry registry) {
        JvmMetrics.builder().register(registry);
        // The JVM's container support makes this the cgroup CPU limit when one is set.
        GaugeWithCallback.builder().name("jvm_cpu_count")
                .help("Processors available to the JVM (the container's CPU limit when one is set)")
                .callback(c -> c.call(Runtime.getRuntime().availableProcessors())).register(registry);
    }
}
