package org.tbg.pool.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcWeekTest {

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void aWeekRunsFromMondayMidnightUtc() {
        // 2024-01-08 was a Monday
        assertThat(UtcWeek.startOf(millis("2024-01-08T00:00:00Z"))).isEqualTo(millis("2024-01-08T00:00:00Z"));
        assertThat(UtcWeek.startOf(millis("2024-01-07T23:59:59.999Z"))).isEqualTo(millis("2024-01-01T00:00:00Z"));
        assertThat(UtcWeek.startOf(millis("2024-01-14T23:59:59.999Z"))).isEqualTo(millis("2024-01-08T00:00:00Z"));
        // the epoch was a Thursday; its week began on Monday 1969-12-29
        assertThat(UtcWeek.startOf(0)).isEqualTo(millis("1969-12-29T00:00:00Z"));
    }

    @Test
    void agreesWithJavaTimeOnRandomInstants() {
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long t = r.nextLong() % 10_000_000_000_000L; // ±300 years around the epoch
            long expected = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            assertThat(UtcWeek.startOf(t)).as("week of %s", Instant.ofEpochMilli(t)).isEqualTo(expected);
        }
    }
}
