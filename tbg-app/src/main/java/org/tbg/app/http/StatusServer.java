package org.tbg.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.app.events.EventBusMetrics;
import org.tbg.collector.Collector;
import org.tbg.events.bus.EventBus;
import org.tbg.pool.Pool;
import org.tbg.pool.PoolHealth;
import org.tbg.pool.PoolStats;
import org.tbg.pool.metrics.PoolMetrics;

/**
 * The operator's HTTP port of a {@code tbg} process ({@code metrics_port}): {@code /metrics}
 * (Prometheus text format), {@code /health} (JSON, 200 when healthy, 503 otherwise; what that means
 * is the process's: {@link PoolHealthReport}, {@link CollectorHealthReport}) and {@code /ready} (for
 * load balancers and restarts: the pool answers 200 while it takes miners and has work for them, 503
 * before its first template and once it drains) and, for the pool, {@code POST /drain}
 * ({@link #drainOnPost}). Runs on its own two threads, never on the stratum event loops or a
 * collector pipeline.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "tbg-http");
        t.setDaemon(true);
        return t;
    });

    public StatusServer(InetSocketAddress address, PrometheusRegistry registry, Supplier<HealthReport> health,
                        BooleanSupplier ready) throws IOException {
        server = HttpServer.create(address, 64);
        server.setExecutor(executor);
        PrometheusTextFormatWriter text = new PrometheusTextFormatWriter(false);
        server.createContext("/metrics", ex -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            text.write(out, registry.scrape());
            reply(ex, 200, text.getContentType(), out.toByteArray());
        });
        server.createContext("/health", ex -> {
            HealthReport h = health.get();
            reply(ex, h.healthy() ? 200 : 503, "application/json", JSON.writeValueAsBytes(h.body()));
        });
        server.createContext("/ready", ex -> {
            boolean ok = ready.getAsBoolean();
            reply(ex, ok ? 200 : 503, "text/plain; charset=utf-8", (ok ? "ready\n" : "not ready\n").getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * Adds {@code POST /drain}: {@code drain} runs (the pool stops taking connections and keeps
     * serving the open ones; {@code /ready} turns 503) and the answer is 200. Only from a loopback
     * address (403 otherwise): the metrics port is scraped from other hosts, which must not be able
     * to drain a pool. Idempotent as {@code drain} is.
     */
    public void drainOnPost(Runnable drain) {
        server.createContext("/drain", ex -> {
            try (ex) {
                if (!ex.getRequestMethod().equals("POST")) {
                    ex.getResponseHeaders().set("Allow", "POST");
                    ex.sendResponseHeaders(405, -1);
                } else if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
                    log.warn("drain refused: requested from {}, not from loopback", ex.getRemoteAddress().getAddress().getHostAddress());
                    ex.sendResponseHeaders(403, -1);
                } else {
                    drain.run();
                    byte[] body = "draining\n".getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    ex.sendResponseHeaders(200, body.length);
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(body);
                    }
                }
            }
        });
    }

    /** The status server of a running pool: pool and JVM/process metrics, health from the pool. */
    public static StatusServer forPool(Pool pool, InetSocketAddress address) throws IOException {
        return forPool(pool, address, null);
    }

    /** The same with the event pipeline's metrics and {@code /health} section; {@code events} may be null. */
    public static StatusServer forPool(Pool pool, InetSocketAddress address, EventBus events) throws IOException {
        PrometheusRegistry registry = poolRegistry(pool.stats(), pool::health);
        if (events != null) {
            EventBusMetrics.register(registry, events);
        }
        StatusServer server = new StatusServer(address, registry, new PoolHealthReport(pool::health, events), pool::ready);
        server.drainOnPost(pool::drain);
        server.start();
        return server;
    }

    /**
     * The status server of {@code tbg collector}: {@code registry} (the collector's metrics, with the
     * runtime ones), health from the collector; ready while healthy.
     */
    public static StatusServer forCollector(Collector collector, PrometheusRegistry registry, InetSocketAddress address)
            throws IOException {
        CollectorHealthReport health = new CollectorHealthReport(collector);
        StatusServer server = new StatusServer(address, registry, health, () -> health.get().healthy());
        server.start();
        return server;
    }

    /** Everything a pool's {@code /metrics} exports: the engine's {@code ckpool_*} metrics and the runtime ones. */
    public static PrometheusRegistry poolRegistry(PoolStats stats, Supplier<PoolHealth> health) {
        PrometheusRegistry registry = new PrometheusRegistry();
        RuntimeMetrics.register(registry);
        PoolMetrics.register(registry, stats, health);
        return registry;
    }

    public void start() {
        server.start();
        InetSocketAddress a = server.getAddress();
        log.info("metrics and health on http://{}:{}/metrics, /health, /ready", a.getHostString(), a.getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
