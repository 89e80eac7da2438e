package org.tbg.app.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.tbg.events.bus.EventBus;
import org.tbg.pool.PoolHealth;

/**
 * The pool's {@code /health} (spec/metrics.md): {@code status, uptime, block_height, template_age,
 * nodes[], connected_miners} and, with an event pipeline, {@code events{emitted, dropped, queued}};
 * healthy while the pool has a current template and a node.
 */
public final class PoolHealthReport implements Supplier<HealthReport> {
    private final Supplier<PoolHealth> health;
    private final EventBus events;

    /** @param events the pool's event bus, whose counters the report includes; null when there is none */
    public PoolHealthReport(Supplier<PoolHealth> health, EventBus events) {
        this.health = health;
        this.events = events;
    }

    @Override
    public HealthReport get() {
        PoolHealth h = health.get();
        ObjectNode body = body(h);
        if (events != null) {
            body.set("events", events(events));
        }
        return new HealthReport(h.healthy(), body);
    }

    static ObjectNode body(PoolHealth h) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("status", h.healthy() ? "ok" : "unhealthy");
        n.put("uptime", h.uptimeSeconds());
        n.put("block_height", h.blockHeight());
        n.put("template_age", h.templateAgeSeconds());
        n.put("node_up", h.nodeUp());
        n.put("current_node", h.currentNode());
        h.nodes().forEach(n.putArray("nodes")::add);
        n.put("connected_miners", h.connectedMiners());
        n.put("connections", h.connections());
        return n;
    }

    /** Summed over the sinks. */
    static ObjectNode events(EventBus bus) {
        long emitted = 0;
        long dropped = 0;
        for (String sink : bus.sinkNames()) {
            emitted += bus.emitted(sink);
            dropped += bus.dropped(sink);
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("emitted", emitted);
        n.put("dropped", dropped);
        n.put("queued", bus.queued());
        return n;
    }
}
