package org.tbg.collector.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.tbg.collector.CollectedEvent;
import org.tbg.events.Event;
import org.tbg.events.EventType;

/**
 * Writes a batch of events to PostgreSQL in one transaction: COPY into the connection's staging
 * tables, then one statement ({@code store-batch.sql}) that inserts with ON CONFLICT DO NOTHING and
 * updates the rollups from the rows it actually inserted. Writing the same batch twice changes
 * nothing the second time. The partitions the batch needs are made sure of first, outside the
 * transaction. One per pipeline (its buffers are reused); thread-safe, one batch at a time.
 */
public final class PostgresEventWriter {
    private static final String COPY_EVENTS = "COPY stage_events (event_id, ts_us, event_type, region, source,"
            + " pool_instance, seq, payload, user_name, worker_name, keep, diff, online, hashrate_1m, hashrate_5m, hashrate_1h,"
            + " hashrate_1d) FROM STDIN";
    private static final String COPY_SHARES = "COPY stage_shares (event_id, ts_us, btc_address, worker_name,"
            + " difficulty, share_diff, is_valid, is_block, reject_reason, ip_address, region, source) FROM STDIN";
    private static final String STORE = PostgresPool.resource("store-batch.sql");
    /** SQLSTATE of "no partition of relation … found for row" (check_violation). */
    private static final String NO_PARTITION = "23514";
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final DataSource dataSource;
    private final PartitionManager partitions;
    /** Reused between batches; guarded by this. */
    private final CopyRows eventRows = new CopyRows(1 << 20);
    private final CopyRows shareRows = new CopyRows(1 << 19);

    public PostgresEventWriter(DataSource dataSource, PartitionManager partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    /**
     * Stores the batch (events with distinct ids) and commits.
     *
     * @param reportBefore inserted events older than this are listed in {@link PostgresWriteResult#oldStoredIds()}
     * @throws SQLException on any failure; nothing was committed and the same batch may be written again
     */
    public synchronized PostgresWriteResult write(List<CollectedEvent> batch, Instant reportBefore) throws SQLException {
        LocalDate today = partitions.today();
        Retention retention = partitions.retention();
        long oldestEventsDay = retention.oldestKept(PartitionedTable.MINING_EVENTS, today).toEpochDay();
        long oldestSharesDay = retention.oldestKept(PartitionedTable.SHARES, today).toEpochDay();

        eventRows.clear();
        shareRows.clear();
        Set<LocalDate> eventDays = new TreeSet<>();
        Set<LocalDate> shareDays = new TreeSet<>();
        long expired = 0;
        for (CollectedEvent c : batch) {
            Event e = c.event();
            long day = Math.floorDiv(e.tsMicros(), MICROS_PER_DAY);
            boolean keep = day >= oldestEventsDay;
            if (keep) {
                eventDays.add(LocalDate.ofEpochDay(day));
            } else {
                expired++;
            }
            if (keep || e.type() == EventType.BLOCK_FOUND) { // blocks are kept forever
                stageEvent(c, keep);
            }
            if (e.type() == EventType.SHARE_SUBMITTED && day >= oldestSharesDay) {
                shareDays.add(LocalDate.ofEpochDay(day));
                stageShare(e);
            }
        }
        partitions.ensure(PartitionedTable.MINING_EVENTS, eventDays);
        partitions.ensure(PartitionedTable.SHARES, shareDays);

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                if (eventRows.rows() > 0) {
                    copyIn(copy, COPY_EVENTS, eventRows);
                }
                if (shareRows.rows() > 0) {
                    copyIn(copy, COPY_SHARES, shareRows);
                }
                PostgresWriteResult result;
                try (PreparedStatement ps = c.prepareStatement(STORE)) {
                    ps.setTimestamp(1, Timestamp.from(reportBefore));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        long stored = rs.getLong("events");
                        result = new PostgresWriteResult(stored, batch.size() - expired - stored, expired,
                                rs.getLong("shares"), rs.getLong("blocks"), ids(rs.getArray("old_new_events")));
                    }
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                if (e instanceof SQLException sql && NO_PARTITION.equals(sql.getSQLState())) {
                    partitions.forget(); // dropped behind our back: the retry creates it again
                }
                throw e;
            }
        }
    }

    private void stageEvent(CollectedEvent c, boolean keep) {
        Event e = c.event();
        eventRows.uuid(e.eventId())
                .number(e.tsMicros())
                .text(e.type().wireName())
                .text(e.region())
                .text(e.source())
                .text(e.poolInstance())
                .number(e.seq())
                .text(c.dataJson())
                .text(e.text("user"))
                .text(e.text("worker"))
                .bool(keep);
        // the worker facts store-batch.sql derives the workers table from
        switch (e.type()) {
            case MINER_CONNECTED -> eventRows.numberOrNull(e.data().get("initial_diff")).bool(true);
            case MINER_DISCONNECTED -> eventRows.nullValue().bool(false);
            case DIFF_UPDATED -> eventRows.numberOrNull(e.data().get("new_diff")).nullValue();
            default -> eventRows.nullValue().nullValue();
        }
        if (e.type() == EventType.HASHRATE_UPDATE) {
            eventRows.numberOrNull(e.data().get("hashrate_1m"))
                    .numberOrNull(e.data().get("hashrate_5m"))
                    .numberOrNull(e.data().get("hashrate_1h"))
                    .numberOrNull(e.data().get("hashrate_1d"));
        } else {
            eventRows.nullValue().nullValue().nullValue().nullValue();
        }
        eventRows.endRow();
    }

    private void stageShare(Event e) {
        shareRows.uuid(e.eventId())
                .number(e.tsMicros())
                .text(e.text("user"))
                .text(e.text("worker"))
                .number(e.number("sdiff"))
                .number(e.number("diff"))
                .bool(e.flag("accepted"))
                .bool(e.flag("is_block"))
                .text(e.text("reject_reason"))
                .text(InetText.canonical(e.text("ip")))
                .text(e.region())
                .text(e.source())
                .endRow();
    }

    private static void copyIn(CopyManager copy, String sql, CopyRows rows) throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(rows.buffer(), 0, rows.length());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static Set<UUID> ids(Array array) throws SQLException {
        Set<UUID> out = new HashSet<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add((UUID) o);
            }
        }
        return out;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it
        }
    }
}
