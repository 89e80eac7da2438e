package org.tbg.app.events;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.tbg.events.bus.EventBus;

/** The event pipeline's side of {@code /metrics} (spec/metrics.md), read from the bus at scrape time. */
public final class EventBusMetrics {
    private EventBusMetrics() {
    }

    public static void register(PrometheusRegistry registry, EventBus bus) {
        CounterWithCallback.builder().name("ckpool_events_emitted_total")
                .help("Events written by each sink").labelNames("sink")
                .callback(cb -> bus.sinkNames().forEach(s -> cb.call(bus.emitted(s), s)))
                .register(registry);
        CounterWithCallback.builder().name("ckpool_events_dropped_total")
                .help("Events a sink lost: its queue was full or its write failed").labelNames("sink")
                .callback(cb -> bus.sinkNames().forEach(s -> cb.call(bus.dropped(s), s)))
                .register(registry);
        GaugeWithCallback.builder().name("ckpool_events_queued")
                .help("Events waiting in the sinks' queues")
                .callback(cb -> cb.call(bus.queued()))
                .register(registry);
    }
}
