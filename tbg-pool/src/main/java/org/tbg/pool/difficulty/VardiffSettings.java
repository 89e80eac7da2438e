package org.tbg.pool.difficulty;

import java.time.Duration;

/**
 * The {@code vardiff} config object (spec/config.md), as the engine uses it. Immutable; one instance
 * is shared by every connection.
 *
 * @param targetShareInterval {@code target_share_interval}: a connection should find one share per this period
 * @param emaAlpha            {@code ema_alpha}: weight of the newest window in the share-rate average, (0, 1]
 * @param deadBandLow         {@code dead_band_low}: a settled connection is left alone while rate/target ≥ this…
 * @param deadBandHigh        {@code dead_band_high}: …and ≤ this
 * @param dampening           {@code dampening}: fraction of the measured error a normal step corrects, (0, 1]
 * @param cooldown            {@code cooldown}: minimum time between two changes of one connection
 * @param fastRampThreshold   {@code fast_ramp_threshold}: a new connection jumps while its rate is more than this
 *                            many times off target (either way); 1 or less turns the fast ramp off
 * @param fastRampMaxJump     {@code fast_ramp_max_jump}: the largest factor of one change (jump or step), ≥ 1
 */
public record VardiffSettings(
        Duration targetShareInterval,
        double emaAlpha,
        double deadBandLow,
        double deadBandHigh,
        double dampening,
        Duration cooldown,
        double fastRampThreshold,
        double fastRampMaxJump) {

    /** The defaults of spec/config.md. */
    public static final VardiffSettings DEFAULTS = new VardiffSettings(
            Duration.ofSeconds(10), 0.3, 0.8, 1.2, 0.5, Duration.ofSeconds(30), 4, 64);

    public VardiffSettings {
        require(targetShareInterval != null && targetShareInterval.toMillis() > 0,
                "target_share_interval", targetShareInterval, "at least 1 ms");
        require(emaAlpha > 0 && emaAlpha <= 1, "ema_alpha", emaAlpha, "> 0 and <= 1");
        require(deadBandLow > 0 && deadBandLow <= 1, "dead_band_low", deadBandLow, "> 0 and <= 1");
        require(deadBandHigh >= 1 && deadBandHigh < Double.POSITIVE_INFINITY, "dead_band_high", deadBandHigh, ">= 1");
        require(dampening > 0 && dampening <= 1, "dampening", dampening, "> 0 and <= 1");
        require(cooldown != null && !cooldown.isNegative(), "cooldown", cooldown, ">= 0");
        require(fastRampThreshold >= 0 && fastRampThreshold < Double.POSITIVE_INFINITY,
                "fast_ramp_threshold", fastRampThreshold, ">= 0");
        require(fastRampMaxJump >= 1 && fastRampMaxJump < Double.POSITIVE_INFINITY,
                "fast_ramp_max_jump", fastRampMaxJump, ">= 1");
    }

    /** Whether new connections may jump (a threshold of 1 or less would never let the ramp end). */
    public boolean fastRampEnabled() {
        return fastRampThreshold > 1;
    }

    private static void require(boolean ok, String key, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("vardiff." + key + " = " + value + ": must be " + allowed);
        }
    }
}
