package org.tbg.collector.postgres;

import java.time.LocalDate;

/**
 * How many whole UTC days of each partitioned table are kept besides today (spec/storage.md:
 * {@code mining_events} 30, {@code shares} 90). A day older than that is dropped as a partition,
 * and an event of such a day is not inserted (it would recreate what retention dropped).
 *
 * @param eventsDays days of {@code mining_events}
 * @param sharesDays days of {@code shares}
 */
public record Retention(int eventsDays, int sharesDays) {
    public static final Retention DEFAULT = new Retention(30, 90);

    public Retention {
        if (eventsDays < 1 || sharesDays < 1) {
            throw new IllegalArgumentException("retention must be at least 1 day, got events " + eventsDays
                    + " and shares " + sharesDays);
        }
    }

    public int days(PartitionedTable table) {
        return table == PartitionedTable.MINING_EVENTS ? eventsDays : sharesDays;
    }

    /** The oldest day of {@code table} still kept when it is {@code today} (UTC). */
    public LocalDate oldestKept(PartitionedTable table, LocalDate today) {
        return today.minusDays(days(table));
    }
}
