package org.tbg.pool.difficulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExponentialMovingAverageTest {

    @Test
    void alphaPointThreeOverOneTwoTwoGivesOnePointThreeAndOnePointFiftyOne() {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(0.3);
        ema.add(1);
        assertThat(ema.value()).isCloseTo(1.0, within(1e-12));
        ema.add(2);
        assertThat(ema.value()).isCloseTo(1.3, within(1e-12));
        ema.add(2);
        assertThat(ema.value()).isCloseTo(1.51, within(1e-12));
        assertThat(ema.samples()).isEqualTo(3);
    }

    @Test
    void isEmptyUntilTheFirstSampleAndAfterAReset() {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(0.3);
        assertThat(ema.value()).isNaN();
        ema.add(5);
        ema.reset();
        assertThat(ema.value()).isNaN();
        assertThat(ema.samples()).isZero();
        ema.add(7); // seeds afresh, nothing of the 5 remains
        assertThat(ema.value()).isEqualTo(7.0);
    }

    @Test
    void alphaOneFollowsTheLastSample() {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(1);
        ema.add(3);
        ema.add(11);
        assertThat(ema.value()).isEqualTo(11.0);
    }

    @Test
    void alphaOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new ExponentialMovingAverage(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialMovingAverage(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
