package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTableTest {

    @Test
    void theTableShowsEveryFigureAndWhyTheRunFailed() {
        String table = LoadReportTable.render(LoadReportJsonTest.sample());

        assertThat(table).contains(
                "smoke → 127.0.0.1:3333: 10 miners, 5 shares/min each, 30.0 s (ramp 2 s)",
                "ok 9   failed 1   peak concurrent 9",
                "submitted 60   accepted 10   rejected 48   stale 3   skipped 0   2.00/s",
                "Low difficulty share 45", "Stale 3",
                "min 0.250   p50 1.500   p95 12.000   p99 12.000   max 12.000   (5 replies)",
                "connect_refused 1 (e.g. Connection refused)", "submit_timeout 2",
                "submitted/s: 3 7",
                "result       FAILED: 1 of 10 connection attempts failed");
    }

    @Test
    void longTimelinesAreAveragedIntoAtMostThirtyValues() {
        List<TimelineSecond> seconds = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            seconds.add(new TimelineSecond(s, s + 1, 0, 0, 0));
        }

        String line = LoadReportTable.timeline(seconds);

        assertThat(line).startsWith("submitted/s (mean per 2 s): 1.5 3.5 5.5 ").endsWith(" 59.5");
        assertThat(line.substring(line.indexOf(':') + 2).split(" ")).hasSize(30);
    }
}
