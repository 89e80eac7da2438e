package org.tbg.pool.difficulty;

import java.util.Optional;

/**
 * Variable difficulty for one connection: keeps its share rate near one share per
 * {@code target_share_interval} (spec/stratum.md, "Difficulty"). It only decides; the caller applies a
 * returned {@link DifficultyChange} with the connection's next job.
 *
 * <p><b>What "rate" means.</b> The measured quantity is work per second: the sum of the difficulties
 * the accepted shares were judged at, divided by the time they took (difficulty-1 shares per second,
 * hashrate / 2^32). It does not depend on the difficulty asked, so a window in which the difficulty
 * changed (shares of older jobs still judged at the old difficulty) measures the miner correctly and
 * the average never needs rescaling. At difficulty D the connection sends work/D shares per second;
 * {@code ratio = work rate × target_share_interval / D} says how many times too many: 1 is on target.
 *
 * <p><b>Windows.</b> A window closes when it holds its share count, or when it has lasted as long as
 * those shares take on target (count × target_share_interval); its work rate is one sample of the
 * exponential moving average ({@code ema_alpha}). While ramping a window holds
 * {@value #RAMP_WINDOW_SHARES} shares, so the first jumps come after a few shares; afterwards
 * {@value #WINDOW_SHARES}, so the average's Poisson noise (√(α/(2−α)/256) ≈ 2.6 % at α = 0.3) is a small
 * part of the dead band and a settled connection does not leave it on noise.
 *
 * <p><b>Phases.</b>
 * <ul>
 * <li>Ramping (a new connection): while the ratio is beyond {@code fast_ramp_threshold} either way,
 *     jump by the ratio, then measure afresh. The first ratio within the threshold ends the ramp, and
 *     the average restarts with full windows (coarse ramp samples would linger in it).</li>
 * <li>Correcting: at most one damped step per window,
 *     {@code new = old × (1 + (ratio − 1) × dampening)}, until the ratio is within an eighth of the
 *     dead band of 1, on an average of enough windows; then settled. Aiming that close, rather than
 *     stopping anywhere in the dead band, is what puts a settled connection near the target.</li>
 * <li>Settled: no change while the ratio is within {@code [dead_band_low, dead_band_high]}; leaving
 *     it starts correcting again.</li>
 * <li>Idle: a window without a single share empties the average and counts as ratio 0, so the
 *     difficulty decays by one step per empty window: ÷{@code fast_ramp_max_jump} while ramping,
 *     ×(1 − dampening) afterwards, never below the floor.</li>
 * </ul>
 * Every change waits {@code cooldown} after the previous one, is at most ×{@code fast_ramp_max_jump}
 * either way and is clamped to the {@link DifficultyBounds}; a change the bounds absorb is no change.
 *
 * <p>Thread rule: not thread-safe; owned by one connection and used only on its event loop. Times are
 * milliseconds from a clock that does not step (System.nanoTime() / 1_000_000 is best); a clock
 * stepping back only delays decisions.
 */
public final class Vardiff {
    /** Shares per window while ramping: enough to tell ×4 from ×64, few enough to react at once. */
    static final int RAMP_WINDOW_SHARES = 16;
    /** Shares per window afterwards: the average's noise stays well inside the dead band (43 min on target at 10 s). */
    static final int WINDOW_SHARES = 256;
    /** A correction ends within this fraction of the dead band around 1 (0.975–1.025 by default). */
    static final double SETTLE_BAND_FRACTION = 0.125;
    /** A correction settles only once the average's first window weighs at most this much in it. */
    private static final double FIRST_WINDOW_WEIGHT_TO_SETTLE = 0.2;

    private enum Phase { RAMPING, CORRECTING, SETTLED }

    private final VardiffSettings settings;
    private final double targetSeconds;
    private final long targetMillis;
    private final long cooldownMillis;
    private final double settleLow;
    private final double settleHigh;
    private final int windowsToSettle;
    private final ExponentialMovingAverage workRate;
    private final ShareWindow window;

    private DifficultyBounds bounds;
    private double difficulty;
    private Phase phase;
    /** The last window closed without a share and nothing has changed since. */
    private boolean idle;
    private int windowsSinceChange;
    private boolean everChanged;
    private long lastChangeMillis;

    /** Starts at {@code startDifficulty} moved into {@code bounds}; see {@link #difficulty()}. */
    public Vardiff(VardiffSettings settings, DifficultyBounds bounds, double startDifficulty, long nowMillis) {
        this.settings = settings;
        this.bounds = bounds;
        this.difficulty = bounds.clamp(startDifficulty);
        this.targetMillis = settings.targetShareInterval().toMillis();
        this.targetSeconds = targetMillis / 1000.0;
        this.cooldownMillis = settings.cooldown().toMillis();
        this.settleLow = 1 - (1 - settings.deadBandLow()) * SETTLE_BAND_FRACTION;
        this.settleHigh = 1 + (settings.deadBandHigh() - 1) * SETTLE_BAND_FRACTION;
        double alpha = settings.emaAlpha();
        this.windowsToSettle = alpha >= 1
                ? 1
                : 1 + (int) Math.ceil(Math.log(FIRST_WINDOW_WEIGHT_TO_SETTLE) / Math.log(1 - alpha));
        this.workRate = new ExponentialMovingAverage(alpha);
        this.window = new ShareWindow(nowMillis);
        this.phase = settings.fastRampEnabled() ? Phase.RAMPING : Phase.CORRECTING;
    }

    /** The difficulty decided so far (the last change returned, or the clamped start). */
    public double difficulty() {
        return difficulty;
    }

    public DifficultyBounds bounds() {
        return bounds;
    }

    /** Whether the connection has found its level and sits inside the dead band. */
    public boolean settled() {
        return phase == Phase.SETTLED;
    }

    /** Shares per second the connection sends at {@link #difficulty()} by the current estimate; 0 when none. */
    public double sharesPerSecond() {
        return idle || workRate.samples() == 0 ? 0 : workRate.value() / difficulty;
    }

    /**
     * An accepted share.
     *
     * @param judgedDifficulty the difficulty the share was judged at (its job's), not the current one
     */
    public Optional<DifficultyChange> onShare(long nowMillis, double judgedDifficulty) {
        closeExpiredWindow(nowMillis);
        window.add(judgedDifficulty > 0 && judgedDifficulty < Double.POSITIVE_INFINITY ? judgedDifficulty : difficulty);
        if (window.shares() >= windowShares() && nowMillis > window.openedMillis()) {
            sample(window.rateClosedByShare(nowMillis));
            window.restart(nowMillis);
        }
        return evaluate(nowMillis);
    }

    /** Time passing without a share (call it at least every few seconds, e.g. before each job). */
    public Optional<DifficultyChange> onTick(long nowMillis) {
        closeExpiredWindow(nowMillis);
        return evaluate(nowMillis);
    }

    /**
     * The miner's own minimum (suggest_difficulty, BIP310 minimum-difficulty, password d=): it becomes
     * the floor and the difficulty moves to it, within the pool's bounds (so below mindiff it is raised).
     */
    public Optional<DifficultyChange> suggest(double minimum, long nowMillis) {
        bounds = bounds.withMinerMinimum(minimum);
        return moveTo(bounds.clamp(minimum), nowMillis);
    }

    /** A difficulty remembered from the worker's previous connection. */
    public Optional<DifficultyChange> restore(double previous, long nowMillis) {
        return moveTo(bounds.clamp(previous), nowMillis);
    }

    /** The current block's difficulty; a difficulty above it (when it is ≥ 1) comes down to it. */
    public Optional<DifficultyChange> networkDifficulty(double networkDifficulty, long nowMillis) {
        if (networkDifficulty == bounds.networkDifficulty()) {
            return Optional.empty();
        }
        bounds = bounds.withNetworkDifficulty(networkDifficulty);
        return moveTo(bounds.clamp(difficulty), nowMillis);
    }

    // ---- measuring ------------------------------------------------------------------------

    private int windowShares() {
        return phase == Phase.RAMPING ? RAMP_WINDOW_SHARES : WINDOW_SHARES;
    }

    private void closeExpiredWindow(long nowMillis) {
        long length = windowShares() * targetMillis;
        long end = window.openedMillis() + length;
        if (nowMillis < end) {
            return;
        }
        if (window.shares() == 0) {
            markIdle();
            windowsSinceChange++;
        } else {
            sample(window.rateOverLength(length));
        }
        if (nowMillis - end >= length) {
            // A whole further window went by without a share: one idle mark says it all.
            markIdle();
            window.restart(nowMillis);
        } else {
            window.restart(end);
        }
    }

    private void sample(double workPerSecond) {
        workRate.add(workPerSecond);
        windowsSinceChange++;
        idle = false;
    }

    private void markIdle() {
        workRate.reset();
        idle = true;
    }

    private void restartAverage(long nowMillis) {
        workRate.reset();
        window.restart(nowMillis);
        idle = false;
    }

    // ---- deciding -------------------------------------------------------------------------

    private Optional<DifficultyChange> evaluate(long nowMillis) {
        if (everChanged && nowMillis - lastChangeMillis < cooldownMillis) {
            return Optional.empty();
        }
        double ratio;
        if (idle) {
            ratio = 0;
        } else if (workRate.samples() == 0) {
            return Optional.empty();
        } else {
            ratio = workRate.value() * targetSeconds / difficulty;
        }
        switch (phase) {
            case RAMPING -> {
                double threshold = settings.fastRampThreshold();
                if (ratio > threshold || ratio < 1 / threshold) {
                    Optional<DifficultyChange> jump = changeTo(difficulty * limited(ratio), nowMillis);
                    if (jump.isPresent()) {
                        restartAverage(nowMillis);
                    }
                    return jump;
                }
                phase = Phase.CORRECTING;
                restartAverage(nowMillis);
                return Optional.empty();
            }
            case SETTLED -> {
                if (ratio >= settings.deadBandLow() && ratio <= settings.deadBandHigh()) {
                    return Optional.empty();
                }
                phase = Phase.CORRECTING;
            }
            case CORRECTING -> {
                if (ratio >= settleLow && ratio <= settleHigh) {
                    if (windowsSinceChange >= 1 && workRate.samples() >= windowsToSettle) {
                        phase = Phase.SETTLED;
                    }
                    return Optional.empty();
                }
            }
        }
        if (!idle && windowsSinceChange == 0) {
            return Optional.empty(); // a damped step needs a window measured since the last change
        }
        return changeTo(difficulty * limited(1 + (ratio - 1) * settings.dampening()), nowMillis);
    }

    private double limited(double factor) {
        double max = settings.fastRampMaxJump();
        return Math.min(Math.max(factor, 1 / max), max);
    }

    private Optional<DifficultyChange> moveTo(double target, long nowMillis) {
        Optional<DifficultyChange> c = changeTo(target, nowMillis);
        if (c.isPresent() && phase == Phase.SETTLED) {
            phase = Phase.CORRECTING;
        }
        return c;
    }

    private Optional<DifficultyChange> changeTo(double target, long nowMillis) {
        double to = bounds.clamp(target);
        if (to == difficulty) {
            return Optional.empty();
        }
        DifficultyChange c = new DifficultyChange(difficulty, to, sharesPerSecond());
        difficulty = to;
        everChanged = true;
        lastChangeMillis = nowMillis;
        windowsSinceChange = 0;
        idle = false;
        return Optional.of(c);
    }
}
