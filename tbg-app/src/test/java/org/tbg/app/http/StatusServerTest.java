package org.tbg.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tbg.events.EventFactory;
import org.tbg.events.EventIdentity;
import org.tbg.events.EventType;
import org.tbg.events.bus.EventBus;
import org.tbg.events.bus.EventBusSettings;
import org.tbg.events.bus.InProcessSink;
import org.tbg.pool.PoolHealth;
import org.tbg.pool.PoolStats;

/** The pool's status port over loopback HTTP: {@code /health} as spec/metrics.md lists it, {@code /ready}, {@code /metrics}. */
class StatusServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PoolHealth HEALTHY = new PoolHealth(true, 120, 840_001, 4.5,
            List.of("127.0.0.1:8332", "127.0.0.1:18332"), "127.0.0.1:8332", true, 7, 9);

    @Test
    void healthCarriesThePoolsFiguresAndTheEventCountersAndFollowsThePool() throws Exception {
        AtomicReference<PoolHealth> health = new AtomicReference<>(HEALTHY);
        AtomicBoolean ready = new AtomicBoolean(true);
        try (EventBus bus = EventBus.start(EventBusSettings.defaults(), List.of(new InProcessSink(batch -> { })));
             StatusServer server = new StatusServer(new InetSocketAddress("127.0.0.1", 0),
                     StatusServer.poolRegistry(new PoolStats(), health::get), new PoolHealthReport(health::get, bus), ready::get)) {
            server.start();
            EventFactory events = new EventFactory(EventIdentity.hosted("eu", "eu-1"));
            for (int i = 0; i < 3; i++) {
                bus.emit(events.create(EventType.NEW_BLOCK_NETWORK, tip(840_000 + i)));
            }
            assertThat(bus.flush(Duration.ofSeconds(10))).isTrue();
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<String> ok = get(base + "/health");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = JSON.readTree(ok.body());
            assertThat(body.get("status").asText()).isEqualTo("ok");
            assertThat(body.get("uptime").asLong()).isEqualTo(120);
            assertThat(body.get("block_height").asLong()).isEqualTo(840_001);
            assertThat(body.get("template_age").asDouble()).isEqualTo(4.5);
            assertThat(body.get("nodes")).extracting(JsonNode::asText).containsExactly("127.0.0.1:8332", "127.0.0.1:18332");
            assertThat(body.get("connected_miners").asInt()).isEqualTo(7);
            assertThat(body.get("events").get("emitted").asLong()).isEqualTo(3);
            assertThat(body.get("events").get("dropped").asLong()).isZero();
            assertThat(body.get("events").get("queued").asLong()).isZero();
            assertThat(get(base + "/ready").statusCode()).isEqualTo(200);

            health.set(new PoolHealth(false, 121, 840_001, 95, HEALTHY.nodes(), "127.0.0.1:8332", false, 7, 9));
            ready.set(false);
            HttpResponse<String> sick = get(base + "/health");
            assertThat(sick.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(sick.body()).get("status").asText()).isEqualTo("unhealthy");
            assertThat(get(base + "/ready").statusCode()).isEqualTo(503);

            HttpResponse<String> metrics = get(base + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("ckpool_connected_miners ").contains("jvm_cpu_count ");
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void drainRunsOnAPostFromLoopbackOnly() throws Exception {
        AtomicInteger drains = new AtomicInteger();
        try (StatusServer server = new StatusServer(new InetSocketAddress("127.0.0.1", 0),
                StatusServer.poolRegistry(new PoolStats(), () -> HEALTHY), new PoolHealthReport(() -> HEALTHY, null), () -> true)) {
            server.drainOnPost(drains::incrementAndGet);
            server.start();
            URI drain = URI.create("http://127.0.0.1:" + server.port() + "/drain");

            assertThat(get(drain.toString()).statusCode()).as("GET /drain").isEqualTo(405);
            assertThat(drains).hasValue(0);
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(drain).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(posted.body()).isEqualTo("draining\n");
            assertThat(drains).hasValue(1);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> tip(long height) {
        return Map.of("height", height, "hash", "00".repeat(32), "prev_hash", "11".repeat(32), "diff", 1.0);
    }
}
