package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.collector.CollectedEvent;
import org.tbg.collector.TestEvents;
import org.tbg.collector.redis.RedisEventWriter;
import org.tbg.collector.redis.RedisWriteResult;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventType;
import org.tbg.testkit.RedisServer;

/** The Redis half of the write path against a real redis-server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisEventWriterIT {
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private String url;

    @BeforeEach
    void connect() {
        url = SharedServers.freshRedis();
        client = RedisClient.create(url);
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterEach
    void close() {
        connection.close();
        client.shutdown();
    }

    private static List<CollectedEvent> collected(List<Event> events) {
        return events.stream().map(CollectedEvent::of).toList();
    }

    @Test
    void appendsEachEventToItsStreamWithTheSpecFieldsOnce() throws Exception {
        List<Event> events = TestEvents.allNine(TestEvents.factory(), "bc1qa", "rig", 12, "00cc");
        try (RedisEventWriter writer = new RedisEventWriter(url, Duration.ofMinutes(10), 100_000)) {
            RedisWriteResult first = writer.write(collected(events));
            RedisWriteResult second = writer.write(collected(events));

            assertThat(first.appended()).isEqualTo(9);
            assertThat(second.appended()).isZero();
            assertThat(second.duplicates()).isEqualTo(9);
        }
        for (Event e : events) {
            String stream = "mining:" + e.type().wireName();
            List<StreamMessage<String, String>> entries = redis.xrange(stream, io.lettuce.core.Range.create("-", "+"));
            assertThat(entries).as(stream).hasSize(1);
            Map<String, String> body = entries.get(0).getBody();
            assertThat(body).containsOnlyKeys("event_id", "event", "ts", "source", "region", "data");
            assertThat(body).containsEntry("event_id", e.eventId().toString())
                    .containsEntry("event", e.type().wireName())
                    .containsEntry("ts", EventCodec.seconds(e.tsMicros()))
                    .containsEntry("source", "hosted")
                    .containsEntry("region", "eu")
                    .containsEntry("data", EventCodec.encodeData(e.data()));
            long ttl = redis.ttl("seen:" + e.eventId());
            assertThat(ttl).isBetween(1L, 600L);
        }
    }

    @Test
    void publishesFoundBlocksOnceOnBlocksFound() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                received.add(channel + " " + message);
            }
        });
        sub.sync().subscribe(RedisEventWriter.BLOCKS_CHANNEL);
        try (RedisEventWriter writer = new RedisEventWriter(url, Duration.ofMinutes(10), 100_000)) {
            List<Event> events = TestEvents.allNine(TestEvents.factory(), "bc1qa", "rig", 13, "00dd");
            Event block = events.stream().filter(e -> e.type() == EventType.BLOCK_FOUND).findFirst().orElseThrow();
            writer.write(collected(events));
            writer.write(collected(events));

            String message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).isEqualTo("blocks:found " + EventCodec.encodeToString(block));
            assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("published once").isNull();
        } finally {
            sub.close();
        }
    }

    @Test
    void trimsStreamsToAboutMaxlen() throws Exception {
        List<Event> shares = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            shares.add(TestEvents.share("bc1qa", "rig", true));
        }
        try (RedisEventWriter writer = new RedisEventWriter(url, Duration.ofMinutes(10), 100)) {
            assertThat(writer.write(collected(shares)).appended()).isEqualTo(2_000);
        }
        // approximate trimming removes whole nodes of up to 100 entries
        assertThat(redis.xlen("mining:share_submitted")).isBetween(100L, 300L);
    }

    @Test
    void loadsTheScriptAgainAfterRedisForgotIt() throws Exception {
        try (RedisEventWriter writer = new RedisEventWriter(url, Duration.ofMinutes(10), 100_000)) {
            writer.write(collected(List.of(TestEvents.share("bc1qa", "rig", true))));
            redis.scriptFlush(); // what a Redis restart does

            RedisWriteResult r = writer.write(collected(List.of(TestEvents.share("bc1qa", "rig", true))));

            assertThat(r.appended()).isEqualTo(1);
            assertThat(redis.xlen("mining:share_submitted")).isEqualTo(2);
        }
    }

    @Test
    void failsFastWhileRedisIsDownAndWorksAgainWhenItIsBack() throws Exception {
        try (RedisServer own = RedisServer.launch();
             RedisEventWriter writer = new RedisEventWriter(own.url(), Duration.ofMinutes(10), 100_000)) {
            writer.write(collected(List.of(TestEvents.share("bc1qa", "rig", true))));
            own.stop();

            long t0 = System.nanoTime();
            assertThatThrownBy(() -> writer.write(collected(List.of(TestEvents.share("bc1qa", "rig", true)))))
                    .isInstanceOf(RedisException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(11));

            own.start();
            Event after = TestEvents.share("bc1qa", "rig", true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            RedisWriteResult r = null;
            while (r == null && System.nanoTime() < deadline) {
                try {
                    r = writer.write(collected(List.of(after)));
                } catch (RedisException e) {
                    Thread.sleep(100); // Lettuce reconnects in the background
                }
            }
            assertThat(r).as("written after the restart").isNotNull();
            assertThat(r.appended()).isEqualTo(1);
        }
    }
}
