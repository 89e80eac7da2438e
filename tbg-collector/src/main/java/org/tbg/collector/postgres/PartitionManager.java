package org.tbg.collector.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily partitions of {@code mining_events} and {@code shares}: created ahead (today and the next
 * {@code daysAhead} days, at start and on every {@link #maintain}), created on demand for any day a
 * batch needs (an old replay), and dropped whole once older than {@link Retention} — never deleted
 * row by row.
 *
 * <p>Several collectors may run at once: creating and dropping happen in short transactions that
 * first take one transaction-scoped advisory lock, and use IF [NOT] EXISTS. Partitions known to
 * exist are cached; {@link #forget} clears the cache when an insert found one missing.
 * Thread-safe.
 */
public final class PartitionManager {
    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);
    /** Advisory lock key shared by every collector ("tbg_part"). */
    static final long LOCK_KEY = 0x7462675f70617274L;

    private final DataSource dataSource;
    private final Retention retention;
    private final int daysAhead;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public PartitionManager(DataSource dataSource, Retention retention, int daysAhead, Clock clock) {
        if (daysAhead < 2) {
            throw new IllegalArgumentException("partitions must be created at least 2 days ahead, got " + daysAhead);
        }
        this.dataSource = dataSource;
        this.retention = retention;
        this.daysAhead = daysAhead;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The last day {@link #maintain} keeps partitions ready for: today plus {@code daysAhead} (UTC). */
    public LocalDate lastDayAhead() {
        return today().plusDays(daysAhead);
    }

    public Retention retention() {
        return retention;
    }

    /** Creates today's and the coming days' partitions, then drops the expired ones. */
    public void maintain() throws SQLException {
        LocalDate today = today();
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i <= daysAhead; i++) {
            days.add(today.plusDays(i));
        }
        for (PartitionedTable table : PartitionedTable.values()) {
            ensure(table, days);
        }
        dropExpired();
    }

    /** Makes sure {@code table} has a partition for each day (days older than retention are skipped). */
    public void ensure(PartitionedTable table, Collection<LocalDate> days) throws SQLException {
        LocalDate oldest = retention.oldestKept(table, today());
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate day : new TreeSet<>(days)) {
            if (!day.isBefore(oldest) && !known.contains(table.partitionName(day))) {
                missing.add(day);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> created = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                lock(c);
                for (LocalDate day : missing) {
                    String name = table.partitionName(day);
                    if (!exists(c, name)) {
                        st.execute("CREATE TABLE " + name + " PARTITION OF " + table.tableName()
                                + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                        created.add(name);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        for (LocalDate day : missing) {
            known.add(table.partitionName(day));
        }
        if (!created.isEmpty()) {
            log.info("created partition(s) {}", String.join(", ", created));
        }
    }

    /** Drops every partition older than retention; returns their names. */
    public List<String> dropExpired() throws SQLException {
        LocalDate today = today();
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                lock(c);
                for (PartitionedTable table : PartitionedTable.values()) {
                    LocalDate oldest = retention.oldestKept(table, today);
                    for (String name : partitions(c, table)) {
                        LocalDate day = table.dayOf(name).orElse(null);
                        if (day != null && day.isBefore(oldest)) {
                            st.execute("DROP TABLE IF EXISTS " + name);
                            known.remove(name);
                            dropped.add(name);
                        }
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        if (!dropped.isEmpty()) {
            log.info("dropped partition(s) {} (retention: mining_events {} days, shares {} days)",
                    String.join(", ", dropped), retention.eventsDays(), retention.sharesDays());
        }
        return dropped;
    }

    /** The partitions {@code table} has now, by name (ours and any an operator attached). */
    public List<String> partitions(PartitionedTable table) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return partitions(c, table);
        }
    }

    /** Forgets which partitions exist: the next {@link #ensure} looks again. */
    public void forget() {
        known.clear();
    }

    private static List<String> partitions(Connection c, PartitionedTable table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT child.relname FROM pg_inherits i"
                        + " JOIN pg_class child ON child.oid = i.inhrelid"
                        + " JOIN pg_class parent ON parent.oid = i.inhparent"
                        + " WHERE parent.oid = to_regclass(?) ORDER BY child.relname")) {
            ps.setString(1, table.tableName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
        }
    }
}
