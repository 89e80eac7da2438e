package org.tbg.app.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.ConsumerInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventFactory;
import org.tbg.events.EventIdentity;
import org.tbg.events.EventType;
import org.tbg.events.journal.JournalFiles;
import org.tbg.events.nats.EventStream;
import org.tbg.testkit.NatsServer;
import org.tbg.testkit.Ports;
import org.tbg.testkit.PostgresServer;
import org.tbg.testkit.RedisServer;

/**
 * {@code tbg collector} as operators run it: the packaged jar as its own process, against real
 * PostgreSQL, Redis and NATS servers.
 */
class CollectorProcessIT {
    private static final EventFactory EVENTS = new EventFactory(EventIdentity.hosted("eu", "eu-1"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostgresServer postgres;
    private static RedisServer redis;
    private static NatsServer nats;

    @TempDir
    Path dir;

    @BeforeAll
    static void servers() {
        postgres = PostgresServer.launch();
        redis = RedisServer.launch();
        nats = NatsServer.launch();
    }

    @BeforeEach
    void emptyRedis() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    @AfterAll
    static void stopServers() {
        nats.close();
        redis.close();
        postgres.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killedMidStreamAndRestartedItStoresEveryEventExactlyOnce() throws Exception {
        String database = freshDatabase("killtest");
        String[] args = {"collector", "--database", database, "--redis", redis.url(), "--nats", nats.url(),
                "--durable", "kill-test", "--batch-size", "200", "--ack-wait", "15", "--metrics-port", "0"};
        List<Event> published = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        try (Connection nc = Nats.connect(nats.url())) {
            EventStream.ensure(nc);
            JetStream js = nc.jetStream();
            Thread producer = new Thread(() -> {
                int n = 0;
                try {
                    while (producing.get()) {
                        for (int i = 0; i < 50; i++, n++) {
                            Event e = share("bc1qkill" + n % 5, "rig" + n % 4, n);
                            js.publish(EventStream.subject(e), EventCodec.encode(e),
                                    PublishOptions.builder().messageId(e.eventId().toString()).build());
                            published.add(e);
                        }
                        Thread.sleep(50);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    producerFailure.set(e);
                }
            }, "producer");

            JarProcess first = JarProcess.start(dir, args);
            try {
                first.awaitLine(l -> l.contains("consuming tbg.events.>"), 60);
                producer.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> rows(database, "mining_events") > 1_500);
                first.killHard();
            } finally {
                first.close();
            }
            int atKill = published.size();
            Thread.sleep(1_000); // events keep coming while no collector runs

            try (JarProcess second = JarProcess.start(dir, args)) {
                second.awaitLine(l -> l.contains("consuming tbg.events.>"), 60);
                Thread.sleep(1_000);
                producing.set(false);
                producer.join(10_000);
                assertThat(producerFailure.get()).isNull();
                assertThat(published.size()).isGreaterThan(atKill);

                // the batch the killed process held unacked comes back after the ack wait (15 s)
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                    ConsumerInfo info = nc.jetStreamManagement().getConsumerInfo(EventStream.NAME, "kill-test");
                    return info.getNumPending() == 0 && info.getNumAckPending() == 0;
                });

                Set<String> expected = new HashSet<>();
                published.forEach(e -> expected.add(e.eventId().toString()));
                assertThat(expected).hasSize(published.size());
                assertThat(rows(database, "mining_events")).isEqualTo(published.size());
                assertThat(ids(database, "SELECT event_id FROM mining_events")).isEqualTo(expected);
                assertThat(rows(database, "shares")).isEqualTo(published.size());
                assertThat(ids(database, "SELECT event_id FROM shares")).isEqualTo(expected);
                assertThat(longValue(database, "SELECT sum(total) FROM daily_shares")).isEqualTo(published.size());
                List<String> streamed = streamIds();
                assertThat(streamed).hasSize(published.size());
                assertThat(new HashSet<>(streamed)).isEqualTo(expected);

                second.terminate();
                assertThat(second.awaitExit(20)).as("exit after SIGTERM").isIn(0, 143);
                assertThat(second.lines()).anyMatch(l -> l.contains("collector stopped"));
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void replayingAJournalTwiceStoresItOnceAndPrintsWhatItDid() throws Exception {
        String database = freshDatabase("replaytest");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(EventCodec.encodeToString(share("bc1qreplay", "rig" + i % 3, i)));
        }
        lines.add(150, "{\"event\":\"share_submitted\",\"torn");
        Path journal = Files.write(JournalFiles.forHour(dir, java.time.Instant.now()), lines, StandardCharsets.UTF_8);
        String[] args = {"collector", "--database", database, "--redis", redis.url(), "--replay", dir.toString()};

        JarProcess once = JarProcess.start(dir, args);
        assertThat(once.awaitExit(90)).as("exit code; output:%n%s", once.output()).isZero();
        JarProcess twice = JarProcess.start(dir, args);
        assertThat(twice.awaitExit(90)).as("exit code; output:%n%s", twice.output()).isZero();

        assertThat(once.lines()).contains("replay: lines 301, stored 300, duplicates 0, expired 0, malformed 1, streamed 300");
        assertThat(twice.lines()).contains("replay: lines 301, stored 0, duplicates 300, expired 0, malformed 1, streamed 0");
        assertThat(rows(database, "mining_events")).isEqualTo(300);
        assertThat(rows(database, "shares")).isEqualTo(300);
        assertThat(journal).exists();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void itsStatusPortServesMetricsAndAHealthThatFollowsRedis() throws Exception {
        String database = freshDatabase("statustest");
        int port = Ports.freePort();
        // its own region, so it reads only this test's events from the shared stream
        EventFactory region = new EventFactory(EventIdentity.hosted("status", "status-1"));
        String[] args = {"collector", "--database", database, "--redis", redis.url(), "--nats", nats.url(),
                "--region", "status", "--batch-size", "50", "--metrics-port", Integer.toString(port)};
        String base = "http://127.0.0.1:" + port;
        try (Connection nc = Nats.connect(nats.url()); JarProcess collector = JarProcess.start(dir, args)) {
            EventStream.ensure(nc);
            collector.awaitLine(l -> l.contains("consuming tbg.events.status.>"), 60);
            for (int i = 0; i < 30; i++) {
                publish(nc, share(region, "bc1qstatus", "rig", i));
            }
            // Redis is written after PostgreSQL: once it has all 30, so has the database
            await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/metrics").body()
                    .contains("tbg_collector_events_total{result=\"stored\",sink=\"redis\"} 30.0"));
            HttpResponse<String> health = get(base + "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"ok\",\"database\":true,\"redis\":true,\"lag_seconds\":");
            assertThat(get(base + "/ready").statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"stored\":30,");
            assertThat(get(base + "/metrics").body())
                    .contains("tbg_collector_events_total{result=\"stored\",sink=\"postgres\"} 30.0")
                    .contains("process_cpu_seconds_total ");

            redis.stop();
            try {
                publish(nc, share(region, "bc1qstatus", "rig", 30));
                await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/health").statusCode() == 503);
                assertThat(get(base + "/health").body()).contains("\"status\":\"unhealthy\"").contains("\"redis\":false");
                assertThat(get(base + "/ready").statusCode()).isEqualTo(503);
            } finally {
                redis.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/metrics").body()
                    .contains("tbg_collector_events_total{result=\"stored\",sink=\"redis\"} 31.0"));
            HttpResponse<String> recovered = get(base + "/health");
            assertThat(recovered.statusCode()).isEqualTo(200);
            assertThat(recovered.body()).contains("\"redis\":true").contains("\"stored\":31,");
        }
    }

    private static void publish(Connection nc, Event e) throws Exception {
        nc.jetStream().publish(EventStream.subject(e), EventCodec.encode(e),
                PublishOptions.builder().messageId(e.eventId().toString()).build());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Event share(String user, String worker, int n) {
        return share(EVENTS, user, worker, n);
    }

    private static Event share(EventFactory events, String user, String worker, int n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", user);
        data.put("worker", worker);
        data.put("client_id", (long) n % 11);
        data.put("job_id", "66f1a2b3000000" + String.format("%02x", n % 256));
        data.put("diff", 1.0 + n % 17);
        data.put("sdiff", 1.0);
        data.put("accepted", n % 10 != 0);
        data.put("reject_reason", n % 10 != 0 ? null : "Above target");
        data.put("ip", "203.0.113." + n % 200);
        data.put("is_block", false);
        return events.create(EventType.SHARE_SUBMITTED, data);
    }

    private static String freshDatabase(String name) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return "postgresql://" + postgres.user() + ":" + postgres.password() + "@127.0.0.1:" + postgres.port() + "/" + name;
    }

    private static String jdbc(String database) {
        return "jdbc:" + database.replace("postgresql://" + postgres.user() + ":" + postgres.password() + "@", "postgresql://");
    }

    private static long rows(String database, String table) throws Exception {
        try {
            return longValue(database, "SELECT count(*) FROM " + table);
        } catch (java.sql.SQLException e) {
            return -1; // not created yet
        }
    }

    private static long longValue(String database, String sql) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(jdbc(database), postgres.user(), postgres.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> ids(String database, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (java.sql.Connection c = DriverManager.getConnection(jdbc(database), postgres.user(), postgres.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> streamIds() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> ids = new ArrayList<>();
            for (StreamMessage<String, String> m : c.sync().xrange("mining:share_submitted", Range.create("-", "+"))) {
                ids.add(m.getBody().get("event_id"));
            }
            return ids;
        } finally {
            client.shutdown();
        }
    }
}
