package org.tbg.app.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.tbg.collector.Collector;

/**
 * The collector's {@code /health}: {@code status, database, redis, lag_seconds, stored, malformed};
 * healthy while both the database and Redis take writes (the collector acks nothing otherwise).
 */
public final class CollectorHealthReport implements Supplier<HealthReport> {
    private final Collector collector;

    public CollectorHealthReport(Collector collector) {
        this.collector = collector;
    }

    @Override
    public HealthReport get() {
        boolean db = collector.database().isUp();
        boolean redis = collector.redis().isUp();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("status", db && redis ? "ok" : "unhealthy");
        n.put("database", db);
        n.put("redis", redis);
        n.put("lag_seconds", Math.round(collector.metrics().lagSeconds() * 1000) / 1000.0);
        n.put("stored", collector.totals().stored());
        n.put("malformed", collector.totals().malformed());
        return new HealthReport(db && redis, n);
    }
}
