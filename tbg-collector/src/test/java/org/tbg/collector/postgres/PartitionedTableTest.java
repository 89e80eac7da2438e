package org.tbg.collector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PartitionedTableTest {

    @Test
    void namesOnePartitionPerDayAndReadsTheDayBack() {
        LocalDate day = LocalDate.of(2026, 11, 23);
        assertThat(PartitionedTable.MINING_EVENTS.partitionName(day)).isEqualTo("mining_events_20261123");
        assertThat(PartitionedTable.SHARES.partitionName(day)).isEqualTo("shares_20261123");
        assertThat(PartitionedTable.SHARES.dayOf("shares_20261123")).contains(day);
    }

    @Test
    void ignoresNamesThatAreNotOurs() {
        assertThat(PartitionedTable.SHARES.dayOf("mining_events_20261123")).isEmpty();
        assertThat(PartitionedTable.SHARES.dayOf("shares_archive")).isEmpty();
        assertThat(PartitionedTable.SHARES.dayOf("shares_20261340")).isEmpty();
    }

    @Test
    void retentionKeepsTodayAndTheConfiguredDaysBefore() {
        LocalDate today = LocalDate.of(2026, 11, 23);
        Retention r = new Retention(30, 90);
        assertThat(r.oldestKept(PartitionedTable.MINING_EVENTS, today)).isEqualTo(LocalDate.of(2026, 10, 24));
        assertThat(r.oldestKept(PartitionedTable.SHARES, today)).isEqualTo(LocalDate.of(2026, 8, 25));
    }
}
