package org.tbg.pool.stats;

/**
 * Hashrate of one worker or one user over the four {@link HashrateWindow}s, fed with the target
 * difficulty of each accepted share.
 *
 * <p>Formula. Each window of length τ keeps an exponentially decayed sum of share difficulty,
 * S = Σ dᵢ·e^(−(now − tᵢ)/τ), and reports
 * <pre>
 *   hashrate(now) = 2³² · S / (τ · (1 − e^(−(now − t₀)/τ)))      [H/s]
 * </pre>
 * where t₀ is when the pool started observing (its start time, the same for every meter) and 2³² is
 * the expected number of hashes per difficulty-1 share (ckpool's and cgminer's convention). The
 * denominator is ∫ e^(−(now − t)/τ) dt over [t₀, now], so the result is an exponentially weighted
 * average of the share-difficulty rate over the observed time: for a steady miner it equals
 * Σdiff · 2³² / window on average, like ckpool's decaying averages, but without their ramp-up after a
 * pool restart (time before t₀ is unknown, not zero). A miner that stops decays by e⁻¹ per τ.
 *
 * <p>Cost on the share path: four {@code exp} calls, no allocation. Thread rule: every method holds
 * this meter's monitor, because one worker name or user is fed by connections on several event
 * loops; the monitor is held for a few arithmetic operations and never across I/O.
 */
public final class HashrateMeter {
    /** Hashes expected per difficulty-1 share. */
    static final double HASHES_PER_DIFF1 = 4_294_967_296.0;

    private final long observedSinceMillis;
    /** Decayed difficulty sums, indexed by {@link HashrateWindow#ordinal()}, as of {@link #sumsAtMillis}. */
    private final double[] decayedSums = new double[HashrateWindow.ALL.length];
    private long sumsAtMillis;
    private long lastShareMillis = Long.MIN_VALUE;

    /** @param observedSinceMillis when the pool started counting shares (t₀ of the formula) */
    public HashrateMeter(long observedSinceMillis) {
        this.observedSinceMillis = observedSinceMillis;
        this.sumsAtMillis = observedSinceMillis;
    }

    /** Counts an accepted share of {@code difficulty} (the target it was accepted at) at {@code nowMillis}. */
    public synchronized void add(double difficulty, long nowMillis) {
        if (!(difficulty > 0) || Double.isInfinite(difficulty)) {
            return; // a NaN or infinity would poison the sums for good
        }
        // A share stamped a little before the newest one (another event loop got the monitor first)
        // is added undecayed: the error is a few milliseconds of decay.
        long elapsed = nowMillis - sumsAtMillis;
        if (elapsed > 0) {
            for (HashrateWindow w : HashrateWindow.ALL) {
                decayedSums[w.ordinal()] *= Math.exp(-(double) elapsed / w.millis());
            }
            sumsAtMillis = nowMillis;
        }
        for (int i = 0; i < decayedSums.length; i++) {
            decayedSums[i] += difficulty;
        }
        lastShareMillis = Math.max(lastShareMillis, nowMillis);
    }

    /** The hashrate over {@code window} at {@code nowMillis}, in H/s; 0 before anything was observed. */
    public synchronized double hashrate(HashrateWindow window, long nowMillis) {
        long observed = nowMillis - observedSinceMillis;
        if (observed <= 0) {
            return 0;
        }
        double tau = window.millis();
        double decayed = decayedSums[window.ordinal()] * Math.exp(-Math.max(0, nowMillis - sumsAtMillis) / tau);
        // expm1 keeps the precision when the observed time is a small fraction of the window
        double weightedSeconds = -Math.expm1(-observed / tau) * window.seconds();
        return HASHES_PER_DIFF1 * decayed / weightedSeconds;
    }

    public synchronized Hashrates read(long nowMillis) {
        return new Hashrates(
                hashrate(HashrateWindow.ONE_MINUTE, nowMillis),
                hashrate(HashrateWindow.FIVE_MINUTES, nowMillis),
                hashrate(HashrateWindow.ONE_HOUR, nowMillis),
                hashrate(HashrateWindow.ONE_DAY, nowMillis));
    }

    /** When the newest share was counted, {@link Long#MIN_VALUE} when none was. */
    public synchronized long lastShareMillis() {
        return lastShareMillis;
    }
}
