package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nats.client.api.ConsumerInfo;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.collector.Collector;
import org.tbg.collector.CollectorSettings;
import org.tbg.collector.TestEvents;
import org.tbg.collector.source.NatsEventSource;
import org.tbg.events.Event;
import org.tbg.testkit.PostgresServer;
import org.tbg.testkit.RedisServer;

/**
 * A store goes away while events keep flowing into NATS: the collector stops acking, holds one
 * batch, retries with backoff, and once the store is back every event is stored exactly once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OutageIT {
    private static final String DURABLE = "outage-collector";
    private static final int BATCH = 100;

    @Test
    void databaseDownForTwentySecondsLosesNothingAndDuplicatesNothing() throws Exception {
        String natsUrl = SharedServers.freshNats();
        String redisUrl = SharedServers.freshRedis();
        try (PostgresServer pg = PostgresServer.launch();
             Collector collector = collector(SharedServers.freshDatabase(pg), redisUrl, natsUrl);
             EventPublisher publisher = new EventPublisher(natsUrl);
             Producer producer = new Producer(publisher)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> producer.published().size() > 200
                    && collector.totals().stored() > 100);

            pg.stop();
            await().atMost(Duration.ofSeconds(15)).until(() -> !collector.database().isUp());
            int publishedAtStop = producer.published().size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long maxUnacked = 0;
            while (System.nanoTime() < deadline) {
                ConsumerInfo info = publisher.consumer(DURABLE);
                maxUnacked = Math.max(maxUnacked, info.getNumAckPending());
                Thread.sleep(250);
            }
            ConsumerInfo during = publisher.consumer(DURABLE);
            assertThat(maxUnacked).as("the collector holds one batch, fetches no more").isLessThanOrEqualTo(BATCH);
            assertThat(during.getNumPending()).as("events wait in the stream").isPositive();
            assertThat(producer.published().size()).isGreaterThan(publishedAtStop + 100);

            pg.start();
            producer.stop();
            List<Event> published = producer.published();
            awaitAllAcked(publisher, published.size());
            assertThat(collector.database().isUp()).isTrue();

            Db db = new Db(collector.dataSource());
            assertThat(db.count("mining_events")).isEqualTo(published.size());
            assertThat(db.longValue("SELECT count(DISTINCT event_id) FROM mining_events")).isEqualTo(published.size());
            assertThat(db.count("shares")).isEqualTo(published.size());
            assertThat(db.longValue("SELECT sum(total) FROM hourly_shares")).isEqualTo(published.size());
            assertThat(streamIds(redisUrl)).hasSize(published.size()).containsExactlyInAnyOrderElementsOf(ids(published));
        }
    }

    @Test
    void redisDownLosesNothingAndDuplicatesNothing() throws Exception {
        String natsUrl = SharedServers.freshNats();
        try (RedisServer redis = RedisServer.launch();
             Collector collector = collector(SharedServers.freshDatabase(), redis.url(), natsUrl);
             EventPublisher publisher = new EventPublisher(natsUrl);
             Producer producer = new Producer(publisher)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.totals().streamed() > 100);

            redis.stop();
            int publishedAtStop = producer.published().size();
            await().atMost(Duration.ofSeconds(15)).until(() -> !collector.redis().isUp());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            long maxUnacked = 0;
            while (System.nanoTime() < deadline) {
                maxUnacked = Math.max(maxUnacked, publisher.consumer(DURABLE).getNumAckPending());
                Thread.sleep(250);
            }
            assertThat(maxUnacked).isLessThanOrEqualTo(BATCH);

            redis.start(); // empty: the test server keeps nothing across a restart
            producer.stop();
            List<Event> published = producer.published();
            awaitAllAcked(publisher, published.size());
            assertThat(collector.redis().isUp()).isTrue();

            Db db = new Db(collector.dataSource());
            assertThat(db.count("mining_events")).isEqualTo(published.size());
            assertThat(db.longValue("SELECT count(DISTINCT event_id) FROM mining_events")).isEqualTo(published.size());
            // what Redis had before its restart is gone with it; everything from the outage on is there, once
            List<String> inRedis = streamIds(redis.url());
            assertThat(new HashSet<>(inRedis)).hasSameSizeAs(inRedis);
            assertThat(inRedis).containsAll(ids(published.subList(publishedAtStop, published.size())));
        }
    }

    private static Collector collector(String database, String redisUrl, String natsUrl) throws InterruptedException {
        CollectorSettings settings = CollectorSettings.defaults(database, redisUrl)
                .withBatchSize(BATCH)
                .withBatchWait(Duration.ofMillis(200));
        Collector collector = new Collector(settings, new PrometheusRegistry(), Clock.systemUTC());
        assertThat(collector.start()).isTrue();
        collector.collect(new NatsEventSource(natsUrl, DURABLE, NatsEventSource.subjectFor(null), 4 * BATCH,
                NatsEventSource.DEFAULT_ACK_WAIT, Clock.systemUTC()));
        return collector;
    }

    private static void awaitAllAcked(EventPublisher publisher, long published) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ConsumerInfo info = publisher.consumer(DURABLE);
            return info.getNumPending() == 0 && info.getNumAckPending() == 0
                    && info.getDelivered().getStreamSequence() >= published;
        });
    }

    private static List<String> streamIds(String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
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

    private static List<String> ids(List<Event> events) {
        return events.stream().map(e -> e.eventId().toString()).toList();
    }

    /** Publishes 20 shares every 100 ms on its own thread, as a busy pool would. */
    private static final class Producer implements AutoCloseable {
        private final List<Event> published = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Thread thread;

        Producer(EventPublisher publisher) {
            thread = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    List<Event> burst = new ArrayList<>();
                    for (int i = 0; i < 20; i++, n++) {
                        burst.add(TestEvents.share("bc1qminer" + n % 7, "rig" + n % 3, n % 9 != 0));
                    }
                    try {
                        // listed before they go out: the collector may store a burst before publish() returns
                        published.addAll(burst);
                        publisher.publish(burst);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failure.set(e);
                        return;
                    }
                }
            }, "test-producer");
            thread.start();
        }

        List<Event> published() {
            synchronized (published) {
                return new ArrayList<>(published);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            if (failure.get() != null) {
                throw new AssertionError("publishing failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

}
