package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.nats.client.api.ConsumerInfo;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.collector.Collector;
import org.tbg.collector.CollectorMetrics;
import org.tbg.collector.CollectorSettings;
import org.tbg.collector.TestEvents;
import org.tbg.collector.redis.RedisEventWriter;
import org.tbg.collector.source.NatsEventSource;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventFactory;
import org.tbg.events.EventType;

/** Pool → NATS JetStream → collector → PostgreSQL + Redis, with real servers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NatsCollectorIT {
    private static final String DURABLE = "it-collector";

    private Collector collector;
    private EventPublisher publisher;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redisConnection;
    private RedisCommands<String, String> redis;
    private Db db;

    @BeforeEach
    void start() throws Exception {
        String natsUrl = SharedServers.freshNats();
        String redisUrl = SharedServers.freshRedis();
        CollectorSettings settings = CollectorSettings.defaults(SharedServers.freshDatabase(), redisUrl)
                .withBatchSize(100)
                .withBatchWait(Duration.ofMillis(200));
        collector = new Collector(settings, new PrometheusRegistry(), Clock.systemUTC());
        assertThat(collector.start()).isTrue();
        collector.collect(new NatsEventSource(natsUrl, DURABLE, NatsEventSource.subjectFor(null), 1_000,
                NatsEventSource.DEFAULT_ACK_WAIT, Clock.systemUTC()));
        publisher = new EventPublisher(natsUrl);
        redisClient = RedisClient.create(redisUrl);
        redisConnection = redisClient.connect();
        redis = redisConnection.sync();
        db = new Db(collector.dataSource());
    }

    @AfterEach
    void stop() throws Exception {
        collector.close();
        publisher.close();
        redisConnection.close();
        redisClient.shutdown();
    }

    @Test
    void everyEventIsStoredOnceStreamedAndBlocksArePublished() throws Exception {
        BlockingQueue<String> blocksFound = subscribeToBlocks();
        List<Event> events = workload();

        publisher.publish(events);

        awaitAllAcked(events.size());
        assertStored(events);
        Set<String> expectedBlocks = events.stream().filter(e -> e.type() == EventType.BLOCK_FOUND)
                .map(EventCodec::encodeToString).collect(Collectors.toSet());
        Set<String> published = new HashSet<>();
        for (int i = 0; i < expectedBlocks.size(); i++) {
            published.add(blocksFound.poll(10, TimeUnit.SECONDS));
        }
        assertThat(published).isEqualTo(expectedBlocks);
        assertThat(collector.metrics().count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.STORED)).isEqualTo(events.size());
        assertThat(collector.metrics().count(CollectorMetrics.SINK_REDIS, CollectorMetrics.STORED)).isEqualTo(events.size());
    }

    @Test
    void theSameEventsPublishedAgainUnderNewMessageIdsAddNothing() throws Exception {
        List<Event> events = workload();
        publisher.publish(events);
        awaitAllAcked(events.size());
        List<List<List<Object>>> before = snapshot();

        publisher.publish(events, "again-");

        awaitAllAcked(2L * events.size());
        assertStored(events);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(collector.metrics().count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.DUPLICATE)).isEqualTo(events.size());
        assertThat(collector.metrics().count(CollectorMetrics.SINK_REDIS, CollectorMetrics.DUPLICATE)).isEqualTo(events.size());
    }

    @Test
    void malformedEventsOfEachKindAreCountedAckedAndTheGoodOnesStored() throws Exception {
        Event good = TestEvents.share("bc1qgood", "rig", true);
        String json = EventCodec.encodeToString(good);
        Map<String, String> bad = Map.of(
                "bad_json", "{\"event\":",
                "unknown_type", json.replace("share_submitted", "share_exploded"),
                "missing_field", json.replace("\"ip\":\"203.0.113.7\",", ""),
                "wrong_type", json.replace("\"client_id\":7", "\"client_id\":\"7\""),
                "oversized", json.replace("\"rig\"", "\"" + "x".repeat(70_000) + "\""));
        int n = 0;
        for (Map.Entry<String, String> b : bad.entrySet()) {
            publisher.publishRaw("eu", "share_submitted", b.getValue().getBytes(StandardCharsets.UTF_8), "bad-" + n++);
        }
        List<Event> goods = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            goods.add(TestEvents.share("bc1qgood", "rig" + i, true));
        }
        publisher.publish(goods);

        awaitAllAcked(goods.size() + bad.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("shares") == goods.size());
        for (String reason : bad.keySet()) {
            assertThat(collector.metrics().count(CollectorMetrics.SINK_DECODE, reason)).as(reason).isEqualTo(1);
        }
        assertThat(collector.totals().malformed()).isEqualTo(bad.size());
        assertThat(db.count("mining_events")).isEqualTo(goods.size());
        assertThat(redis.xlen("mining:share_submitted")).isEqualTo(goods.size());
    }

    /** 4 users × 3 workers: one of each nine types each, plus 20 shares each (some rejected), over two weeks. */
    private static List<Event> workload() {
        List<Event> events = new ArrayList<>();
        Instant now = Instant.now();
        Instant lastWeek = now.atZone(ZoneOffset.UTC).with(TemporalAdjusters.previous(java.time.DayOfWeek.SUNDAY))
                .toInstant().minus(1, ChronoUnit.HOURS);
        for (int u = 0; u < 4; u++) {
            for (int w = 0; w < 3; w++) {
                String user = "bc1quser" + u;
                String worker = "rig-" + w;
                events.addAll(TestEvents.allNine(TestEvents.factory(), user, worker, 1_000 + u * 3 + w, "00" + u + w));
                for (int s = 0; s < 20; s++) {
                    EventFactory f = s % 2 == 0 ? TestEvents.factory() : TestEvents.at(lastWeek.plusSeconds(s));
                    events.add(TestEvents.share(f, user, worker, s % 5 != 0, 1 + s, 1, "203.0.113." + s));
                }
            }
        }
        return events;
    }

    private void assertStored(List<Event> events) {
        List<Event> shares = events.stream().filter(e -> e.type() == EventType.SHARE_SUBMITTED).toList();
        assertThat(db.count("mining_events")).isEqualTo(events.size());
        assertThat(db.longValue("SELECT count(DISTINCT event_id) FROM mining_events")).isEqualTo(events.size());
        assertThat(db.count("shares")).isEqualTo(shares.size());
        assertThat(db.count("blocks")).isEqualTo(events.stream().filter(e -> e.type() == EventType.BLOCK_FOUND).count());
        assertThat(db.count("users")).isEqualTo(events.stream().map(e -> e.text("user")).filter(u -> u != null).distinct().count());
        assertThat(db.count("workers")).isEqualTo(events.stream().filter(e -> e.text("user") != null)
                .map(e -> e.text("user") + "/" + e.text("worker")).distinct().count());
        assertThat(db.count("weekly_best_diff")).isEqualTo(shares.stream().filter(e -> e.flag("accepted"))
                .map(e -> e.text("user") + week(e)).distinct().count());
        assertThat(db.longValue("SELECT sum(total_shares) FROM weekly_best_diff"))
                .isEqualTo(shares.stream().filter(e -> e.flag("accepted")).count());
        assertThat(db.count("hourly_shares")).isEqualTo(shares.stream()
                .map(e -> e.text("user") + "@" + e.tsMicros() / 3_600_000_000L).distinct().count());
        assertThat(db.longValue("SELECT sum(total) FROM hourly_shares")).isEqualTo(shares.size());
        assertThat(db.longValue("SELECT sum(rejected) FROM daily_shares"))
                .isEqualTo(shares.stream().filter(e -> !e.flag("accepted")).count());
        for (EventType type : EventType.values()) {
            assertThat(redis.xlen("mining:" + type.wireName())).as(type.wireName())
                    .isEqualTo(events.stream().filter(e -> e.type() == type).count());
        }
    }

    private static String week(Event e) {
        return Instant.ofEpochSecond(e.tsMicros() / 1_000_000).atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toString();
    }

    private void awaitAllAcked(long delivered) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ConsumerInfo info = publisher.consumer(DURABLE);
            return info.getNumPending() == 0 && info.getNumAckPending() == 0 && info.getDelivered().getStreamSequence() >= delivered;
        });
    }

    private BlockingQueue<String> subscribeToBlocks() {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<String, String> sub = redisClient.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received.add(message);
            }
        });
        sub.sync().subscribe(RedisEventWriter.BLOCKS_CHANNEL);
        return received;
    }

    private List<List<List<Object>>> snapshot() {
        List<List<List<Object>>> out = new ArrayList<>();
        for (String table : List.of("mining_events", "shares", "blocks", "users", "workers", "weekly_best_diff",
                "hourly_shares", "daily_shares")) {
            out.add(db.rows("SELECT * FROM " + table + " ORDER BY 1, 2, 3"));
        }
        return out;
    }
}
