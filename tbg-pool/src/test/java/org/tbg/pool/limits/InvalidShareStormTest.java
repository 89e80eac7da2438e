package org.tbg.pool.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tbg.pool.limits.InvalidShareStorm.Step;

class InvalidShareStormTest {
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    /** The steps taken while sending {@code count} rejects 1 ms apart from {@code start}. */
    private static List<Step> flood(InvalidShareStorm storm, long start, int count) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Step s = storm.onReject(start + i * MILLI);
            if (s != Step.NONE) {
                steps.add(s);
            }
        }
        return steps;
    }

    @Test
    void aFloodWalksFreshWorkReconnectCloseAfterEachBucketful() {
        InvalidShareStorm storm = new InvalidShareStorm(10, 0);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            Step s = storm.onReject(i * MILLI);
            if (s != Step.NONE) {
                steps.add(s);
                assertThat(i).as("step %s after %d rejects", s, i + 1).isIn(10, 21, 32);
            }
        }
        assertThat(steps).containsExactly(Step.FRESH_WORK, Step.RECONNECT, Step.CLOSE);
    }

    @Test
    void rejectsAtTheAllowedRateNeverStepAndAQuietMinuteStartsOver() {
        InvalidShareStorm storm = new InvalidShareStorm(60, 0);
        for (int i = 0; i < 600; i++) {
            assertThat(storm.onReject(i * TimeUnit.SECONDS.toNanos(1))).isEqualTo(Step.NONE); // one a second = 60 a minute
        }
        InvalidShareStorm other = new InvalidShareStorm(5, 0);
        assertThat(flood(other, 0, 6)).containsExactly(Step.FRESH_WORK);
        assertThat(flood(other, 2 * MINUTE, 6)).as("after a quiet minute: fresh work again, not reconnect")
                .containsExactly(Step.FRESH_WORK);
    }

    @Test
    void zeroTurnsTheRuleOff() {
        assertThat(flood(new InvalidShareStorm(0, 0), 0, 10_000)).isEmpty();
    }
}
