package org.tbg.pool.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationBackoffTest {

    @Test
    void theFirstFailureIsAnsweredAtOnceThenTheWaitDoublesUpToTheCapAndTheConnectionIsClosed() {
        AuthorizationBackoff b = new AuthorizationBackoff();
        long[] delays = new long[AuthorizationBackoff.MAX_FAILURES];
        for (int i = 0; i < delays.length; i++) {
            assertThat(b.exhausted()).isFalse();
            assertThat(b.tryStart()).isTrue();
            delays[i] = b.failed();
            b.done();
        }
        assertThat(delays).containsExactly(0, 1_000, 2_000, 4_000, 8_000, 16_000);
        assertThat(b.exhausted()).isTrue();
        assertThat(AuthorizationBackoff.delayMillis(40)).isEqualTo(16_000);
    }

    @Test
    void attemptsInProgressAreCapped() {
        AuthorizationBackoff b = new AuthorizationBackoff();
        for (int i = 0; i < AuthorizationBackoff.MAX_IN_FLIGHT; i++) {
            assertThat(b.tryStart()).isTrue();
        }
        assertThat(b.tryStart()).isFalse();
        b.done();
        assertThat(b.tryStart()).isTrue();
    }
}
