package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.collector.Collector;
import org.tbg.collector.CollectorSettings;
import org.tbg.collector.postgres.Migrations;
import org.tbg.collector.postgres.PartitionManager;
import org.tbg.collector.postgres.PartitionedTable;
import org.tbg.collector.postgres.Retention;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SchemaAndPartitionsIT {

    @Test
    void migrationsCreateEveryTableOnAnEmptyDatabaseAndPartitionsAhead() throws Exception {
        CollectorSettings settings = CollectorSettings.defaults(SharedServers.freshDatabase(), SharedServers.freshRedis());
        try (Collector collector = new Collector(settings, new PrometheusRegistry(), Clock.systemUTC())) {
            assertThat(collector.start()).isTrue();
            Db db = new Db(collector.dataSource());

            List<String> tables = db.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename NOT LIKE '%\\_2%' ORDER BY 1").stream().map(r -> (String) r.get(0)).toList();
            assertThat(tables).contains("blocks", "daily_shares", "hourly_shares", "mining_events", "shares",
                    "users", "weekly_best_diff", "workers", "flyway_schema_history");
            assertThat(db.text("SELECT relkind::text FROM pg_class WHERE relname = 'mining_events'")).isEqualTo("p");
            assertThat(db.text("SELECT relkind::text FROM pg_class WHERE relname = 'shares'")).isEqualTo("p");

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (PartitionedTable table : PartitionedTable.values()) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i <= CollectorSettings.DEFAULT_DAYS_AHEAD; i++) {
                    expected.add(table.partitionName(today.plusDays(i)));
                }
                assertThat(collector.partitions().partitions(table)).containsAll(expected);
            }
            // the decoder's limit for future events is the last day made ready here
            LocalDate lastDay = today.plusDays(CollectorSettings.DEFAULT_DAYS_AHEAD);
            assertThat(collector.partitions().lastDayAhead()).isEqualTo(lastDay);
            // a second run finds nothing to migrate
            assertThat(Migrations.migrate(collector.dataSource())).isZero();
        }
    }

    @Test
    void retentionDropsWholeExpiredPartitionsAndANewDayHasItsPartitionBeforeItIsNeeded() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T23:30:00Z"));
        CollectorSettings settings = CollectorSettings.defaults(SharedServers.freshDatabase(), SharedServers.freshRedis())
                .withRetention(new Retention(30, 90));
        try (Collector collector = new Collector(settings, new PrometheusRegistry(), clock)) {
            assertThat(collector.start()).isTrue();
            Db db = new Db(collector.dataSource());
            PartitionManager partitions = collector.partitions();
            LocalDate today = LocalDate.of(2026, 3, 10);

            // old partitions as an earlier year of operation would have left them
            for (int daysAgo : List.of(100, 31, 30, 20)) {
                LocalDate day = today.minusDays(daysAgo);
                for (PartitionedTable table : PartitionedTable.values()) {
                    db.execute("CREATE TABLE " + table.partitionName(day) + " PARTITION OF " + table.tableName()
                            + " FOR VALUES FROM ('" + day + " 00:00+00') TO ('" + day.plusDays(1) + " 00:00+00')");
                }
            }
            db.execute("INSERT INTO mining_events (received_at, event_ts, event_id, event_type, region, source,"
                    + " pool_instance, seq, payload) VALUES ('" + today.minusDays(100) + " 12:00+00', now(),"
                    + " gen_random_uuid(), 'share_submitted', 'eu', 'hosted', 'eu-1', 1, '{}')");

            List<String> dropped = partitions.dropExpired();

            assertThat(dropped).containsExactlyInAnyOrder(
                    "mining_events_" + compact(today.minusDays(100)), "mining_events_" + compact(today.minusDays(31)),
                    "shares_" + compact(today.minusDays(100)));
            assertThat(partitions.partitions(PartitionedTable.MINING_EVENTS))
                    .doesNotContain("mining_events_" + compact(today.minusDays(100)))
                    .contains("mining_events_" + compact(today.minusDays(30)), "mining_events_" + compact(today.minusDays(20)));
            assertThat(partitions.partitions(PartitionedTable.SHARES))
                    .contains("shares_" + compact(today.minusDays(31)), "shares_" + compact(today.minusDays(30)));
            assertThat(db.count("mining_events")).isZero(); // gone with its partition, not deleted row by row

            // half an hour before midnight the coming days are there already; after two days of
            // running, the hourly maintenance has moved the window on
            assertThat(partitions.partitions(PartitionedTable.SHARES)).contains("shares_20260311", "shares_20260313");
            clock.advance(Duration.ofDays(2));
            collector.maintain();
            assertThat(partitions.partitions(PartitionedTable.MINING_EVENTS))
                    .contains("mining_events_20260313", "mining_events_20260314", "mining_events_20260315");
        }
    }

    @Test
    void twoCollectorsCreatingTheSamePartitionsAtOnceBothSucceed() throws Exception {
        String database = SharedServers.freshDatabase();
        String redis = SharedServers.freshRedis();
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        CollectorSettings settings = CollectorSettings.defaults(database, redis);
        try (Collector a = new Collector(settings, new PrometheusRegistry(), clock);
             Collector b = new Collector(settings, new PrometheusRegistry(), clock)) {
            CompletableFuture<Boolean> startA = CompletableFuture.supplyAsync(() -> start(a));
            CompletableFuture<Boolean> startB = CompletableFuture.supplyAsync(() -> start(b));
            assertThat(startA.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(startB.get(60, TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofDays(10));
            a.partitions().forget();
            b.partitions().forget();
            CompletableFuture<Void> ma = CompletableFuture.runAsync(() -> maintain(a));
            CompletableFuture<Void> mb = CompletableFuture.runAsync(() -> maintain(b));
            ma.get(60, TimeUnit.SECONDS);
            mb.get(60, TimeUnit.SECONDS);
            assertThat(a.partitions().partitions(PartitionedTable.SHARES)).contains("shares_20300111", "shares_20300114");
        }
    }

    private static boolean start(Collector c) {
        try {
            return c.start();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void maintain(Collector c) {
        try {
            c.partitions().maintain();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String compact(LocalDate day) {
        return day.toString().replace("-", "");
    }
}
