package org.tbg.pool.difficulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VardiffSettingsTest {

    @Test
    void defaultsAreThoseOfTheConfigSpec() {
        VardiffSettings d = VardiffSettings.DEFAULTS;
        assertThat(d.targetShareInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.emaAlpha()).isEqualTo(0.3);
        assertThat(d.deadBandLow()).isEqualTo(0.8);
        assertThat(d.deadBandHigh()).isEqualTo(1.2);
        assertThat(d.dampening()).isEqualTo(0.5);
        assertThat(d.cooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.fastRampThreshold()).isEqualTo(4.0);
        assertThat(d.fastRampMaxJump()).isEqualTo(64.0);
        assertThat(d.fastRampEnabled()).isTrue();
    }

    @Test
    void aThresholdOfOneOrLessTurnsTheFastRampOff() {
        assertThat(withThreshold(1).fastRampEnabled()).isFalse();
        assertThat(withThreshold(0).fastRampEnabled()).isFalse();
        assertThat(withThreshold(2).fastRampEnabled()).isTrue();
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> new VardiffSettings(Duration.ZERO, 0.3, 0.8, 1.2, 0.5, Duration.ofSeconds(30), 4, 64))
                .hasMessageContaining("vardiff.target_share_interval");
        assertThatThrownBy(() -> new VardiffSettings(Duration.ofSeconds(10), 0, 0.8, 1.2, 0.5, Duration.ofSeconds(30), 4, 64))
                .hasMessageContaining("vardiff.ema_alpha");
        assertThatThrownBy(() -> new VardiffSettings(Duration.ofSeconds(10), 0.3, 1.1, 1.2, 0.5, Duration.ofSeconds(30), 4, 64))
                .hasMessageContaining("vardiff.dead_band_low");
        assertThatThrownBy(() -> new VardiffSettings(Duration.ofSeconds(10), 0.3, 0.8, 0.9, 0.5, Duration.ofSeconds(30), 4, 64))
                .hasMessageContaining("vardiff.dead_band_high");
        assertThatThrownBy(() -> new VardiffSettings(Duration.ofSeconds(10), 0.3, 0.8, 1.2, 0, Duration.ofSeconds(30), 4, 64))
                .hasMessageContaining("vardiff.dampening");
        assertThatThrownBy(() -> new VardiffSettings(Duration.ofSeconds(10), 0.3, 0.8, 1.2, 0.5, Duration.ofSeconds(-1), 4, 64))
                .hasMessageContaining("vardiff.cooldown");
        assertThatThrownBy(() -> new VardiffSettings(Duration.ofSeconds(10), 0.3, 0.8, 1.2, 0.5, Duration.ofSeconds(30), -1, 64))
                .hasMessageContaining("vardiff.fast_ramp_threshold");
        assertThatThrownBy(() -> new VardiffSettings(Duration.ofSeconds(10), 0.3, 0.8, 1.2, 0.5, Duration.ofSeconds(30), 4, 0.5))
                .hasMessageContaining("vardiff.fast_ramp_max_jump");
    }

    private static VardiffSettings withThreshold(double threshold) {
        VardiffSettings d = VardiffSettings.DEFAULTS;
        return new VardiffSettings(d.targetShareInterval(), d.emaAlpha(), d.deadBandLow(), d.deadBandHigh(),
                d.dampening(), d.cooldown(), threshold, d.fastRampMaxJump());
    }
}
