package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRecorderTest {
    private static final long S = 1_000_000_000L;
    private static final SubmitVerdict LOW = new SubmitVerdict(SubmitVerdict.Kind.REJECTED, "Low difficulty share");
    private static final SubmitVerdict OK = new SubmitVerdict(SubmitVerdict.Kind.ACCEPTED, null);

    @Test
    void repliesToSubmitsSentInTheWarmUpAreCountedButNotInTheLatencies() {
        LoadRecorder r = new LoadRecorder(0, 10, 2 * S);
        reply(r, S / 2, 300_000_000L, LOW); // sent in the warm-up: slow, as a cold JIT is
        reply(r, 3 * S, 2_000_000L, OK);
        reply(r, 3 * S + 1, 4_000_000L, LOW);

        LoadReport report = r.report(plan(Duration.ofSeconds(2)), "custom", 5);

        assertThat(report.accepted() + report.rejected()).isEqualTo(3);
        assertThat(report.latency().count()).isEqualTo(2);
        assertThat(report.latency().maxMillis()).isEqualTo(4.0);
        assertThat(report.warmupSeconds()).isEqualTo(2.0);
    }

    @Test
    void eachSecondKeepsItsSlowestReplyWarmUpIncluded() {
        LoadRecorder r = new LoadRecorder(0, 10, 2 * S);
        reply(r, S / 2, 300_000_000L, LOW);
        reply(r, 3 * S, 2_000_000L, OK);
        reply(r, 3 * S + 10, 7_000_000L, LOW);

        List<TimelineSecond> t = r.report(plan(Duration.ofSeconds(2)), "custom", 5).timeline();

        assertThat(t.get(0).maxLatencyMillis()).isEqualTo(300.0);
        assertThat(t.get(1).maxLatencyMillis()).isZero();
        assertThat(t.get(3).maxLatencyMillis()).isEqualTo(7.0);
    }

    @Test
    void theSteadyRateCountsOnlyWholeSecondsAfterTheWarmUp() {
        LoadRecorder r = new LoadRecorder(0, 10, 2 * S);
        for (int i = 0; i < 5; i++) {
            r.submitted(S / 2); // the ramp: few submits
        }
        for (long second = 2; second <= 5; second++) {
            for (int i = 0; i < 100; i++) {
                r.submitted(second * S + i);
            }
        }

        LoadReport report = r.report(plan(Duration.ofSeconds(2)), "custom", 5.5);

        assertThat(report.steadySharesPerSecond()).as("seconds 2, 3 and 4; 5 is not whole").isEqualTo(100.0);
        assertThat(report.sharesPerSecond()).isEqualTo(405 / 5.5);
    }

    private static void reply(LoadRecorder r, long sent, long took, SubmitVerdict verdict) {
        r.submitted(sent);
        r.answered(verdict, sent, sent + took);
    }

    private static LoadPlan plan(Duration warmup) {
        LoadProfile p = new LoadProfile("custom", 1, 60, Duration.ofSeconds(5), Duration.ZERO);
        return new LoadPlan(p, "127.0.0.1", 3333, LoadPlan.DEFAULT_ADDRESS, "x", false, warmup, List.of(), 0);
    }
}
