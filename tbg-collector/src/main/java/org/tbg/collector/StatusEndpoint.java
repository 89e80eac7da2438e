package org.tbg.collector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP port (9101 by default): {@code /metrics} in the Prometheus text format and
 * {@code /health} — 200 with {@code {"status":"ok",…}} while the database and Redis take writes,
 * 503 otherwise. Runs on one thread of its own.
 */
public final class StatusEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusEndpoint.class);
    public static final int DEFAULT_PORT = 9101;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tbg-collector-http");
        t.setDaemon(true);
        return t;
    });

    private StatusEndpoint(HttpServer server) {
        this.server = server;
    }

    public static StatusEndpoint start(InetSocketAddress address, PrometheusRegistry registry, Collector collector)
            throws IOException {
        HttpServer server = HttpServer.create(address, 32);
        StatusEndpoint endpoint = new StatusEndpoint(server);
        server.setExecutor(endpoint.executor);
        PrometheusTextFormatWriter text = new PrometheusTextFormatWriter(false);
        server.createContext("/metrics", ex -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
            text.write(out, registry.scrape());
            reply(ex, 200, text.getContentType(), out.toByteArray());
        });
        server.createContext("/health", ex -> {
            boolean db = collector.database().isUp();
            boolean redis = collector.redis().isUp();
            String body = String.format(Locale.ROOT,
                    "{\"status\":\"%s\",\"database\":%b,\"redis\":%b,\"lag_seconds\":%.3f,\"stored\":%d,\"malformed\":%d}\n",
                    db && redis ? "ok" : "unhealthy", db, redis, collector.metrics().lagSeconds(),
                    collector.totals().stored(), collector.totals().malformed());
            reply(ex, db && redis ? 200 : 503, "application/json", body.getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        log.info("metrics and health on http://{}:{}/metrics, /health", address.getHostString(), endpoint.port());
        return endpoint;
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
