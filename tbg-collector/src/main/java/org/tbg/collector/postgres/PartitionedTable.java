package org.tbg.collector.postgres;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two tables with one partition per UTC day, named {@code <table>_YYYYMMDD}. */
public enum PartitionedTable {
    MINING_EVENTS("mining_events"),
    SHARES("shares");

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final String tableName;
    private final Pattern partitionName;

    PartitionedTable(String tableName) {
        this.tableName = tableName;
        this.partitionName = Pattern.compile(Pattern.quote(tableName) + "_(\\d{8})");
    }

    public String tableName() {
        return tableName;
    }

    /** E.g. {@code mining_events_20261123}. */
    public String partitionName(LocalDate day) {
        return tableName + "_" + DAY.format(day);
    }

    /** The day of a partition of this table, or empty when {@code name} is not one of ours. */
    public Optional<LocalDate> dayOf(String name) {
        Matcher m = partitionName.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1), DAY));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
