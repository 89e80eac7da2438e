package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.collector.CollectedEvent;
import org.tbg.collector.TestEvents;
import org.tbg.collector.postgres.DatabaseUrl;
import org.tbg.collector.postgres.Migrations;
import org.tbg.collector.postgres.PartitionManager;
import org.tbg.collector.postgres.PartitionedTable;
import org.tbg.collector.postgres.PostgresEventWriter;
import org.tbg.collector.postgres.PostgresPool;
import org.tbg.collector.postgres.PostgresWriteResult;
import org.tbg.collector.postgres.Retention;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventFactory;

/** The database half of the write path against a real PostgreSQL: tables, rollups, idempotency. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresEventWriterIT {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z"); // a Wednesday
    private static final String ALICE = "bc1qalice";
    private static final String BOB = "bc1qbob";

    private HikariDataSource dataSource;
    private PartitionManager partitions;
    private PostgresEventWriter writer;
    private Db db;

    @BeforeEach
    void freshDatabase() throws SQLException {
        dataSource = PostgresPool.open(DatabaseUrl.parse(SharedServers.freshDatabase()), 2);
        Migrations.migrate(dataSource);
        partitions = new PartitionManager(dataSource, Retention.DEFAULT, 3, Clock.fixed(NOW, ZoneOffset.UTC));
        partitions.maintain();
        writer = new PostgresEventWriter(dataSource, partitions);
        db = new Db(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private PostgresWriteResult write(List<Event> events) throws SQLException {
        return writer.write(collected(events), NOW.minus(Duration.ofHours(1)));
    }

    private static List<CollectedEvent> collected(List<Event> events) {
        return events.stream().map(e -> {
            try { // through the codec, as events arrive
                return CollectedEvent.of(EventCodec.decode(EventCodec.encode(e)));
            } catch (Exception x) {
                throw new AssertionError(x);
            }
        }).toList();
    }

    private static EventFactory at(String isoTime) {
        return TestEvents.at(Instant.parse(isoTime));
    }

    @Test
    void everyTypeLandsInItsTablesWithRollupsFromTheSharesInserted() throws SQLException {
        List<Event> events = new ArrayList<>();
        events.addAll(TestEvents.allNine(at("2026-11-25T10:00:00Z"), ALICE, "rig1", 900_001, "00aa01"));
        EventFactory later = at("2026-11-25T10:30:00Z");
        events.add(TestEvents.share(later, ALICE, "rig1", true, 50, 16, "203.0.113.7"));
        events.add(TestEvents.share(later, ALICE, "rig2", false, 1, 16, "2001:db8::7"));
        events.add(TestEvents.share(at("2026-11-25T11:10:00Z"), BOB, "s9", true, 7, 4, "198.51.100.1"));
        events.add(TestEvents.connected(at("2026-11-25T11:00:00Z"), BOB, "s9", 4));

        PostgresWriteResult r = write(events);

        assertThat(r.stored()).isEqualTo(13);
        assertThat(r.duplicates()).isZero();
        assertThat(r.expired()).isZero();
        assertThat(r.shares()).isEqualTo(4);
        assertThat(r.blocks()).isEqualTo(1);
        assertThat(db.count("mining_events")).isEqualTo(13);
        assertThat(db.longValue("SELECT count(*) FROM mining_events WHERE event_type = 'share_submitted'")).isEqualTo(4);
        assertThat(db.longValue("SELECT count(DISTINCT event_type) FROM mining_events")).isEqualTo(9);
        assertThat(db.count("mining_events_20261125")).isEqualTo(13);
        assertThat(db.count("shares")).isEqualTo(4);
        assertThat(db.count("users")).isEqualTo(2);
        assertThat(db.count("workers")).isEqualTo(3);

        // the event's own time is the key, the collector's arrival time is stored_at
        Event first = events.get(0);
        assertThat(db.text("SELECT received_at = event_ts AND received_at = '2026-11-25T10:00:00Z'::timestamptz"
                + " FROM mining_events WHERE event_id = ?", first.eventId())).isEqualTo("true");
        assertThat(db.text("SELECT payload ->> 'useragent' FROM mining_events WHERE event_id = ?", first.eventId()))
                .isEqualTo("cpuminer/2.5");
        assertThat(db.row("SELECT region, source, pool_instance FROM mining_events WHERE event_id = ?", first.eventId()))
                .containsExactly("eu", "hosted", "eu-1");

        assertThat(db.row("SELECT block_height, block_hash, btc_address, worker_name, reward_sats, submit_result,"
                + " found_at = '2026-11-25T10:00:00Z'::timestamptz, confirmed FROM blocks"))
                .containsExactly(900_001L, "00aa01", ALICE, "rig1", 312_500_000L, "accepted", true, false);
        assertThat(db.row("SELECT host(ip_address), is_valid, reject_reason FROM shares WHERE worker_name = 'rig2'"))
                .containsExactly("2001:db8::7", false, "Above target");

        // rig1: connected (8), diff 16, hashrate, then disconnected; last share at 10:30
        assertThat(db.row("SELECT current_diff, is_online, hashrate_1m, hashrate_1d, last_share = '2026-11-25T10:30:00Z'::timestamptz,"
                + " first_seen = '2026-11-25T10:00:00Z'::timestamptz, region FROM workers WHERE worker_name = 'rig1'"))
                .containsExactly(16.0, false, 1.0e9, 4.0e9, true, true, "eu");
        assertThat(db.row("SELECT current_diff, is_online FROM workers WHERE worker_name = 's9'")).containsExactly(4.0, true);
        assertThat(db.row("SELECT first_seen = '2026-11-25T10:00:00Z'::timestamptz, last_seen = '2026-11-25T10:30:00Z'::timestamptz"
                + " FROM users WHERE btc_address = ?", ALICE)).containsExactly(true, true);

        // accepted shares only: alice 20 and 50 (rig2's was rejected), week of Monday 23 November
        assertThat(db.row("SELECT best_difficulty, total_shares, week_start = '2026-11-23T00:00:00Z'::timestamptz"
                + " FROM weekly_best_diff WHERE btc_address = ?", ALICE)).containsExactly(50.0, 2L, true);
        assertThat(db.rows("SELECT extract(hour FROM bucket AT TIME ZONE 'UTC')::int, total, accepted, rejected, best_diff, sum_diff"
                + " FROM hourly_shares WHERE btc_address = ? ORDER BY bucket", ALICE))
                .containsExactly(List.of(10, 3L, 2L, 1L, 50.0, 32.0));
        assertThat(db.row("SELECT total, accepted, rejected, best_diff, sum_diff FROM daily_shares WHERE btc_address = ?", BOB))
                .containsExactly(1L, 1L, 0L, 7.0, 4.0);
    }

    @Test
    void theSameBatchAgainChangesNothing() throws SQLException {
        List<Event> events = new ArrayList<>(TestEvents.allNine(at("2026-11-25T10:00:00Z"), ALICE, "rig1", 5, "00bb"));
        events.add(TestEvents.share(at("2026-11-25T10:00:01Z"), BOB, "s9", true, 3, 2, "203.0.113.9"));
        write(events);
        List<List<List<Object>>> before = snapshot();

        PostgresWriteResult again = write(events);
        PostgresWriteResult partly = write(events.subList(3, 7));

        assertThat(again.stored()).isZero();
        assertThat(again.duplicates()).isEqualTo(events.size());
        assertThat(again.shares()).isZero();
        assertThat(again.blocks()).isZero();
        assertThat(partly.duplicates()).isEqualTo(4);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBatchMixingStoredAndNewEventsStoresAndCountsOnlyTheNewOnes() throws SQLException {
        EventFactory f = at("2026-11-25T10:00:00Z");
        List<Event> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            first.add(TestEvents.share(f, ALICE, "rig1", true, 3, 2, "203.0.113.9"));
        }
        write(first);
        List<Event> mixed = new ArrayList<>(first.subList(2, 4));
        for (int i = 0; i < 3; i++) {
            mixed.add(TestEvents.share(f, ALICE, "rig1", true, 3, 2, "203.0.113.9"));
        }

        PostgresWriteResult again = write(mixed); // the plain inserts meet the stored rows
        PostgresWriteResult after = write(List.of(TestEvents.share(f, ALICE, "rig1", true, 3, 2, "203.0.113.9"),
                TestEvents.share(f, ALICE, "rig1", false, 3, 2, "203.0.113.9")));

        assertThat(again.stored()).isEqualTo(3);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.shares()).isEqualTo(3);
        assertThat(after.stored()).isEqualTo(2);
        assertThat(after.shares()).isEqualTo(2);
        assertThat(db.count("mining_events")).isEqualTo(9);
        assertThat(db.count("shares")).isEqualTo(9);
        assertThat(db.longValue("SELECT sum(total) FROM hourly_shares WHERE btc_address = ?", ALICE)).isEqualTo(9);
        assertThat(db.longValue("SELECT sum(total_shares) FROM weekly_best_diff WHERE btc_address = ?", ALICE)).isEqualTo(8);
        assertThat(db.longValue("SELECT count(*) FROM mining_events WHERE payload ->> 'user' = ?", ALICE)).isEqualTo(9);
    }

    @Test
    void workerNamesWithControlCharactersBackslashesQuotesAndNulAreStored() throws SQLException {
        String nasty = "a\tb\nc\\d\"e'f\r😀\u0000g";
        Event share = TestEvents.share(at("2026-11-25T10:00:00Z"), ALICE, nasty, true, 3, 2, "203.0.113.7");

        write(List.of(share));

        String stored = nasty.replace('\u0000', '\uFFFD');
        assertThat(db.text("SELECT worker_name FROM shares")).isEqualTo(stored);
        assertThat(db.text("SELECT worker_name FROM workers")).isEqualTo(stored);
        assertThat(db.text("SELECT payload ->> 'worker' FROM mining_events")).isEqualTo(stored);
    }

    @Test
    void anIpThatIsNotAnAddressIsStoredAsNullWithoutFailingTheBatch() throws SQLException {
        EventFactory f = at("2026-11-25T10:00:00Z");
        write(List.of(TestEvents.share(f, ALICE, "w", true, 3, 2, "not-an-ip"),
                TestEvents.share(f, ALICE, "w", true, 3, 2, "999.1.1.1"),
                TestEvents.share(f, ALICE, "w", true, 3, 2, "203.0.113.7")));

        assertThat(db.count("shares")).isEqualTo(3);
        assertThat(db.longValue("SELECT count(*) FROM shares WHERE ip_address IS NULL")).isEqualTo(2);
        assertThat(db.longValue("SELECT count(*) FROM mining_events WHERE payload ->> 'ip' = 'not-an-ip'")).isEqualTo(1);
    }

    @Test
    void eventsOlderThanRetentionAreCountedExpiredButSharesAndBlocksKeepTheirOwnRetention() throws SQLException {
        Instant fortyDaysAgo = NOW.minus(Duration.ofDays(40));
        Instant hundredDaysAgo = NOW.minus(Duration.ofDays(100));
        List<Event> events = List.of(
                TestEvents.share(TestEvents.at(fortyDaysAgo), ALICE, "w", true, 3, 2, "203.0.113.7"),
                TestEvents.share(TestEvents.at(hundredDaysAgo), ALICE, "w", true, 3, 2, "203.0.113.7"),
                TestEvents.blockFound(TestEvents.at(hundredDaysAgo), ALICE, "w", 7, "00old"),
                TestEvents.newBlock(TestEvents.at(NOW), 8, "00new"));

        PostgresWriteResult r = write(events);

        assertThat(r.expired()).isEqualTo(3);
        assertThat(r.stored()).isEqualTo(1);
        assertThat(db.count("mining_events")).isEqualTo(1);
        assertThat(db.count("shares")).isEqualTo(1); // 40 days: within the 90 days of shares
        assertThat(db.count("blocks")).isEqualTo(1); // blocks are kept forever
        LocalDate fortyDaysAgoDay = LocalDate.ofInstant(fortyDaysAgo, ZoneOffset.UTC);
        assertThat(partitions.partitions(PartitionedTable.SHARES)).contains(PartitionedTable.SHARES.partitionName(fortyDaysAgoDay));
        assertThat(partitions.partitions(PartitionedTable.MINING_EVENTS))
                .doesNotContain(PartitionedTable.MINING_EVENTS.partitionName(fortyDaysAgoDay));
    }

    @Test
    void aLateOlderEventDoesNotUndoNewerWorkerState() throws SQLException {
        write(List.of(TestEvents.connected(at("2026-11-25T10:00:00Z"), ALICE, "rig", 8),
                TestEvents.diffUpdated(at("2026-11-25T10:05:00Z"), ALICE, "rig", 8, 32),
                TestEvents.hashrate(at("2026-11-25T10:06:00Z"), ALICE, "rig", 5.0e9),
                TestEvents.disconnected(at("2026-11-25T10:10:00Z"), ALICE, "rig")));
        // redelivered late: events from before the disconnect, never seen before
        write(List.of(TestEvents.connected(at("2026-11-25T09:00:00Z"), ALICE, "rig", 2),
                TestEvents.diffUpdated(at("2026-11-25T09:05:00Z"), ALICE, "rig", 2, 4),
                TestEvents.hashrate(at("2026-11-25T09:06:00Z"), ALICE, "rig", 1.0e3)));

        assertThat(db.row("SELECT is_online, current_diff, hashrate_1m, first_seen = '2026-11-25T09:00:00Z'::timestamptz,"
                + " last_seen = '2026-11-25T10:10:00Z'::timestamptz FROM workers"))
                .containsExactly(false, 32.0, 5.0e9, true, true);
    }

    @Test
    void reportsTheInsertedEventsOlderThanTheCutoff() throws SQLException {
        Event old = TestEvents.share(at("2026-11-25T09:00:00Z"), ALICE, "w", true, 3, 2, "203.0.113.7");
        Event young = TestEvents.share(at("2026-11-25T11:30:00Z"), ALICE, "w", true, 3, 2, "203.0.113.7");
        Event oldDuplicate = TestEvents.share(at("2026-11-25T09:30:00Z"), ALICE, "w", true, 3, 2, "203.0.113.7");
        write(List.of(oldDuplicate));

        PostgresWriteResult r = write(List.of(old, young, oldDuplicate));

        assertThat(r.oldStoredIds()).containsExactly(old.eventId());
    }

    @Test
    void aPartitionDroppedBehindItsBackIsCreatedAgainOnTheNextAttempt() throws SQLException {
        EventFactory f = at("2026-11-25T10:00:00Z");
        write(List.of(TestEvents.share(f, ALICE, "w", true, 3, 2, "203.0.113.7")));
        db.execute("DROP TABLE mining_events_20261125");
        List<Event> next = List.of(TestEvents.share(f, ALICE, "w", true, 3, 2, "203.0.113.7"));

        assertThatThrownBy(() -> write(next)).isInstanceOf(SQLException.class).hasMessageContaining("no partition");
        assertThat(write(next).stored()).isEqualTo(1);
        assertThat(db.count("mining_events")).isEqualTo(1);
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
