package org.tbg.app.config;

import java.time.Duration;

/**
 * The {@code vardiff} object: how a connection's difficulty follows its share rate
 * (spec/stratum.md, "Difficulty").
 *
 * @param targetShareInterval {@code target_share_interval}: the share period aimed at
 * @param emaAlpha            {@code ema_alpha}: weight of the newest sample in the share-rate average (0–1]
 * @param deadBandLow         {@code dead_band_low}: no change while rate/target stays above this…
 * @param deadBandHigh        {@code dead_band_high}: …and below this
 * @param dampening           {@code dampening}: fraction of the computed step applied after the fast ramp (0–1]
 * @param cooldown            {@code cooldown}: minimum time between two changes
 * @param fastRampThreshold   {@code fast_ramp_threshold}: how many first adjustments may jump
 * @param fastRampMaxJump     {@code fast_ramp_max_jump}: largest factor of one fast-ramp step
 */
public record VardiffConfig(
        Duration targetShareInterval,
        double emaAlpha,
        double deadBandLow,
        double deadBandHigh,
        double dampening,
        Duration cooldown,
        int fastRampThreshold,
        double fastRampMaxJump) {
}
