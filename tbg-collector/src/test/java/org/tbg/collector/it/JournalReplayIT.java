package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.collector.BatchPipeline;
import org.tbg.collector.Collector;
import org.tbg.collector.CollectorSettings;
import org.tbg.collector.CollectorTotals;
import org.tbg.collector.TestEvents;
import org.tbg.collector.source.JournalReplay;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventFactory;
import org.tbg.events.journal.JournalFiles;

/** {@code tbg collector --replay}: journal files through the same write path, idempotently. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalReplayIT {

    @TempDir
    Path dir;

    @Test
    void replayingTheSameJournalTwiceStoresEachEventOnceAndCountsWhatItSaw() throws Exception {
        String database = SharedServers.freshDatabase();
        String redisUrl = SharedServers.freshRedis();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.addAll(TestEvents.allNine(TestEvents.factory(), "bc1qu" + i % 3, "rig" + i, 100 + i, "00ab" + i));
        }
        Instant now = Instant.now();
        Path first = JournalFiles.forHour(dir, now.minus(Duration.ofHours(1)));
        Path second = JournalFiles.forHour(dir, now);
        List<String> lines = events.stream().map(EventCodec::encodeToString).toList();
        Files.write(first, lines.subList(0, 100), StandardCharsets.UTF_8);
        List<String> rest = new ArrayList<>(lines.subList(100, lines.size()));
        rest.add(5, "");                                   // blank: skipped, not counted
        rest.add(9, "{\"event\":\"share_submitted\",\"ev"); // torn by a crash: malformed
        Files.write(second, rest, StandardCharsets.UTF_8);

        CollectorTotals once = replay(database, redisUrl, List.of(dir));
        assertThat(once.messages()).isEqualTo(events.size() + 1);
        assertThat(once.stored()).isEqualTo(events.size());
        assertThat(once.duplicates()).isZero();
        assertThat(once.malformed()).isEqualTo(1);
        assertThat(once.summary("lines")).isEqualTo("lines " + (events.size() + 1) + ", stored " + events.size()
                + ", duplicates 0, expired 0, malformed 1, streamed " + events.size());

        CollectorTotals twice = replay(database, redisUrl, List.of(first, second));
        assertThat(twice.stored()).isZero();
        assertThat(twice.duplicates()).isEqualTo(events.size());
        assertThat(twice.malformed()).isEqualTo(1);
        assertThat(twice.streamed()).isZero();

        try (Collector reader = new Collector(CollectorSettings.defaults(database, redisUrl), new PrometheusRegistry(),
                Clock.systemUTC())) {
            reader.start();
            Db db = new Db(reader.dataSource());
            assertThat(db.count("mining_events")).isEqualTo(events.size());
            assertThat(db.count("shares")).isEqualTo(30);
            assertThat(db.count("blocks")).isEqualTo(30);
            assertThat(db.longValue("SELECT sum(total_shares) FROM weekly_best_diff")).isEqualTo(30);
        }
        assertThat(xlen(redisUrl, "mining:share_submitted")).isEqualTo(30);
    }

    @Test
    void aReplayOfOldEventsBackfillsWhatIsMissingButDoesNotRepeatOldEventsInTheLiveStreams() throws Exception {
        String database = SharedServers.freshDatabase();
        String redisUrl = SharedServers.freshRedis();
        EventFactory yesterday = TestEvents.at(Instant.now().minus(Duration.ofDays(1)));
        List<Event> stored = List.of(TestEvents.share(yesterday, "bc1qa", "w", true, 2, 1, "203.0.113.7"),
                TestEvents.share(yesterday, "bc1qa", "w", true, 2, 1, "203.0.113.7"));
        Event missing = TestEvents.share(yesterday, "bc1qa", "w", true, 2, 1, "203.0.113.7");
        Path journal = dir.resolve("events-old.jsonl");
        Files.write(journal, stored.stream().map(EventCodec::encodeToString).toList(), StandardCharsets.UTF_8);
        replay(database, redisUrl, List.of(journal));
        assertThat(xlen(redisUrl, "mining:share_submitted")).isEqualTo(2);
        flushSeenMarkers(redisUrl); // their TTL ran out long ago

        Files.writeString(journal, EventCodec.encodeToString(missing) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        CollectorTotals again = replay(database, redisUrl, List.of(journal));

        assertThat(again.stored()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.streamed()).isEqualTo(1);
        assertThat(xlen(redisUrl, "mining:share_submitted")).isEqualTo(3);
    }

    private static CollectorTotals replay(String database, String redisUrl, List<Path> paths) throws Exception {
        CollectorSettings settings = CollectorSettings.defaults(database, redisUrl).withBatchSize(64);
        try (Collector collector = new Collector(settings, new PrometheusRegistry(), Clock.systemUTC())) {
            assertThat(collector.start()).isTrue();
            BatchPipeline pipeline = collector.collect(JournalReplay.of(paths));
            assertThat(pipeline.await(Duration.ofSeconds(60))).as("replay ended").isTrue();
            assertThat(pipeline.failure()).isNull();
            return collector.totals();
        }
    }

    private static long xlen(String redisUrl, String key) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().xlen(key);
        } finally {
            client.shutdown();
        }
    }

    private static void flushSeenMarkers(String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = c.sync().keys("seen:*");
            assertThat(keys).isNotEmpty();
            c.sync().del(keys.toArray(String[]::new));
        } finally {
            client.shutdown();
        }
    }
}
