package org.tbg.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneHundredMillisecondsUpToTenSecondsThenStays() {
        Backoff b = new Backoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(b.next().toMillis());
        }
        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L, 10000L);
    }

    @Test
    void resetStartsOver() {
        Backoff b = new Backoff(Duration.ofMillis(5), Duration.ofMillis(50));
        b.next();
        b.next();
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofMillis(5));
    }
}
