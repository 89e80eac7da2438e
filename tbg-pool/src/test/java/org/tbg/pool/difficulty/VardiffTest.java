package org.tbg.pool.difficulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Vardiff's rules one at a time, on a hand-driven clock with the default settings (one share per 10 s,
 * α 0.3, dead band 0.8–1.2, dampening 0.5, cooldown 30 s, ramp threshold 4, jumps up to ×64).
 * A window closed by its n-th share measures (n − 1) × difficulty / duration of work per second.
 */
class VardiffTest {
    private static final VardiffSettings DEFAULTS = VardiffSettings.DEFAULTS;
    private static final DifficultyBounds WIDE = DifficultyBounds.of(0.0001, 0);
    /** A ramp window of 16 shares at the current difficulty lasting this long is exactly on target. */
    private static final long RAMP_WINDOW_ON_TARGET_MILLIS = 150_000;
    /** The same for a 256-share window: 255 × 10 s. */
    private static final long WINDOW_ON_TARGET_MILLIS = 2_550_000;
    private static final long WINDOW_LENGTH_MILLIS = Vardiff.WINDOW_SHARES * 10_000L;

    // ---- fast ramp ------------------------------------------------------------------------

    @Test
    void aFastMinerJumpsByAtMostSixtyFourAfterItsFirstSixteenShares() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        List<DifficultyChange> changes = shares(v, 0, 1_600, 15, 1);
        assertThat(changes).isEmpty();
        // 16th share: 15 work in 1.6 s = 9.375/s, 93.75 times the target rate at difficulty 1
        Optional<DifficultyChange> c = v.onShare(1_600, 1);
        assertThat(c).contains(new DifficultyChange(1, 64, 9.375));
        assertThat(v.difficulty()).isEqualTo(64.0);
    }

    @Test
    void theRampJumpsByTheMeasuredRatioWhenItIsUnderTheCap() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        // 15 work in 15 s = 1/s = ten shares per 10 s at difficulty 1
        List<DifficultyChange> changes = shares(v, 0, 15_000, 16, 1);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).to()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aNewConnectionWithoutSharesDecaysBySixtyFourPerRampWindow() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 42, 0);
        assertThat(v.onTick(159_999)).isEmpty();
        assertThat(v.onTick(160_000)).contains(new DifficultyChange(42, 42.0 / 64, 0));
        assertThat(v.onTick(319_999)).isEmpty();
        assertThat(v.onTick(320_000)).contains(new DifficultyChange(42.0 / 64, 42.0 / 64 / 64, 0));
    }

    @Test
    void sharesAreCountedAtTheDifficultyTheyWereJudgedAtWhenAWindowStraddlesAChange() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        shares(v, 0, 1_600, 16, 1); // → 64 at 1.6 s
        // the miner finishes its old job at difficulty 1, then mines the new one at 64
        for (int i = 1; i <= 16; i++) {
            assertThat(v.onShare(1_600 + 100L * i, i <= 8 ? 1 : 64)).isEmpty(); // cooldown
        }
        // work = 8·1 + 8·64 = 520; × 15/16 in 1.6 s = 304.6875/s; ratio at 64 = 47.607421875
        Optional<DifficultyChange> c = v.onTick(31_600);
        assertThat(c).isPresent();
        assertThat(c.get().to()).isCloseTo(3046.875, within(1e-9));
        // counting plain shares (16 in 1.6 s against 64) would have asked for 64 × 64 = 4096
    }

    // ---- cooldown -------------------------------------------------------------------------

    @Test
    void noTwoChangesWithinTheCooldown() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        shares(v, 0, 1_600, 16, 1); // → 64 at 1.6 s
        assertThat(shares(v, 1_600, 3_200, 16, 64)).isEmpty(); // still 93.75× too fast, but too soon
        assertThat(v.onTick(31_599)).isEmpty();
        assertThat(v.onTick(31_600)).map(DifficultyChange::to).contains(4096.0);
    }

    // ---- damped steps ---------------------------------------------------------------------

    @Test
    void aDampedStepFromRatioTwoMultipliesByOnePointFive() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        long t = endRamp(v, 0, 1);
        // a full window twice as fast as the target: 255 work in 1275 s = 0.2/s, 2 shares per 10 s
        List<DifficultyChange> changes = shares(v, t, t + 1_275_000, Vardiff.WINDOW_SHARES, 1);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).from()).isEqualTo(1.0);
        assertThat(changes.get(0).to()).isCloseTo(1.5, within(1e-12));
        assertThat(changes.get(0).sharesPerSecond()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void aDampedStepWaitsForAWindowMeasuredAfterThePreviousChange() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        long t = endRamp(v, 0, 1);
        t += 1_275_000;
        shares(v, t - 1_275_000, t, Vardiff.WINDOW_SHARES, 1); // ratio 2 → 1.5
        // the estimate still says 1.33× too fast, but nothing new has been measured
        assertThat(v.onTick(t + 600_000)).isEmpty();
        List<DifficultyChange> next = shares(v, t, t + 1_700_000, Vardiff.WINDOW_SHARES, 1.5);
        assertThat(next).hasSize(1);
        assertThat(next.get(0).to()).isGreaterThan(1.5);
    }

    @Test
    void everyStepIsCappedAtTheMaximumJump() {
        VardiffSettings noRamp = new VardiffSettings(Duration.ofSeconds(10), 0.3, 0.8, 1.2, 0.5,
                Duration.ofSeconds(30), 0, 64);
        Vardiff v = new Vardiff(noRamp, WIDE, 1, 0);
        // ratio 1000: the damped factor would be 500.5
        List<DifficultyChange> changes = shares(v, 0, 2_550, Vardiff.WINDOW_SHARES, 1);
        assertThat(changes).extracting(DifficultyChange::to).containsExactly(64.0);
    }

    // ---- settling and the dead band --------------------------------------------------------

    @Test
    void settlesAfterSixWindowsOnTargetAndThenIgnoresAnythingInsideTheDeadBand() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        long t = endRamp(v, 0, 1);
        for (int i = 0; i < 5; i++) {
            t = window(v, t, WINDOW_ON_TARGET_MILLIS, 1);
        }
        assertThat(v.settled()).as("five windows: the first still weighs more than a fifth").isFalse();
        t = window(v, t, WINDOW_ON_TARGET_MILLIS, 1);
        assertThat(v.settled()).isTrue();

        List<DifficultyChange> changes = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // 15 % too fast, inside the dead band
            long end = t + Math.round(WINDOW_ON_TARGET_MILLIS / 1.15);
            changes.addAll(shares(v, t, end, Vardiff.WINDOW_SHARES, 1));
            t = end;
        }
        assertThat(changes).isEmpty();
        assertThat(v.settled()).isTrue();

        // one window 50 % too fast pulls the average to ≈ 0.3·1.5 + 0.7·1.15 = 1.255, out of the band
        changes = shares(v, t, t + Math.round(WINDOW_ON_TARGET_MILLIS / 1.5), Vardiff.WINDOW_SHARES, 1);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).to()).isCloseTo(1 + (1.255 - 1) * 0.5, within(1e-3));
        assertThat(v.settled()).isFalse();
    }

    @Test
    void aCorrectingConnectionStepsEvenInsideTheDeadBand() {
        // the dead band only protects a settled connection; a correction aims at 0.975–1.025
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        long t = endRamp(v, 0, 1);
        List<DifficultyChange> changes = shares(v, t, t + Math.round(WINDOW_ON_TARGET_MILLIS / 1.15),
                Vardiff.WINDOW_SHARES, 1);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).to()).isCloseTo(1.075, within(1e-3));
    }

    // ---- idle -----------------------------------------------------------------------------

    @Test
    void aSettledConnectionThatFallsSilentDecaysOneStepPerWindowDownToTheFloor() {
        Vardiff v = new Vardiff(DEFAULTS, DifficultyBounds.of(0.3, 0), 1, 0);
        long t = settle(v, 1);
        assertThat(v.onTick(t + WINDOW_LENGTH_MILLIS - 1)).isEmpty();
        assertThat(v.onTick(t + WINDOW_LENGTH_MILLIS)).contains(new DifficultyChange(1, 0.5, 0));
        assertThat(v.onTick(t + 2 * WINDOW_LENGTH_MILLIS)).contains(new DifficultyChange(0.5, 0.3, 0));
        assertThat(v.onTick(t + 3 * WINDOW_LENGTH_MILLIS)).as("pinned at mindiff").isEmpty();
    }

    @Test
    void aLongSilenceSeenByOneLateTickIsStillOnlyOneStep() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 1, 0);
        long t = settle(v, 1);
        assertThat(v.onTick(t + 10 * WINDOW_LENGTH_MILLIS)).map(DifficultyChange::to).contains(0.5);
        assertThat(v.onTick(t + 10 * WINDOW_LENGTH_MILLIS + 60_000)).isEmpty();
    }

    // ---- bounds, hints, memory ------------------------------------------------------------

    @Test
    void theStartDifficultyIsClampedToTheBounds() {
        assertThat(new Vardiff(DEFAULTS, DifficultyBounds.of(1, 0), 0.001, 0).difficulty()).isEqualTo(1.0);
        assertThat(new Vardiff(DEFAULTS, DifficultyBounds.of(1, 20), 42, 0).difficulty()).isEqualTo(20.0);
    }

    @Test
    void aJumpStopsAtMaxdiff() {
        Vardiff v = new Vardiff(DEFAULTS, DifficultyBounds.of(1, 20), 1, 0);
        assertThat(shares(v, 0, 1_600, 16, 1)).extracting(DifficultyChange::to).containsExactly(20.0);
    }

    @Test
    void theNetworkDifficultyCapsWhenItIsAtLeastOne() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 20, 0);
        assertThat(v.networkDifficulty(10, 0)).contains(new DifficultyChange(20, 10, 0));
        assertThat(v.networkDifficulty(0.5, 1)).as("regtest-like: ignored, nothing to lower").isEmpty();
        assertThat(v.difficulty()).isEqualTo(10.0);
    }

    @Test
    void aSuggestionBelowMindiffIsRaisedToMindiff() {
        Vardiff v = new Vardiff(DEFAULTS, DifficultyBounds.of(1, 0), 42, 0);
        assertThat(v.suggest(0.00000001, 0)).map(DifficultyChange::to).contains(1.0);
        assertThat(v.bounds().floor()).isEqualTo(1.0);
    }

    @Test
    void aSubOneSuggestionIsTheFloorAndVardiffWorksAboveIt() {
        Vardiff v = new Vardiff(DEFAULTS, WIDE, 42, 0);
        assertThat(v.suggest(0.001, 0)).map(DifficultyChange::to).contains(0.001);
        assertThat(v.onTick(160_000)).as("silent, but already at the miner's minimum").isEmpty();
        // then it turns out faster: 15 × 0.001 work in 1.6 s is 93.75× the target
        assertThat(shares(v, 160_000, 161_600, 16, 0.001)).extracting(DifficultyChange::to)
                .singleElement().satisfies(d -> assertThat(d).isCloseTo(0.064, within(1e-12)));
    }

    @Test
    void aRestoredDifficultyIsClampedLikeAnyOther() {
        Vardiff v = new Vardiff(DEFAULTS, DifficultyBounds.of(1, 1000), 42, 0);
        assertThat(v.restore(500, 0)).contains(new DifficultyChange(42, 500, 0));
        assertThat(v.restore(1e9, 30_000)).map(DifficultyChange::to).contains(1000.0);
        assertThat(v.restore(1000, 60_000)).as("no change at all").isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------

    /** {@code count} shares judged at {@code judged}, evenly after {@code start}, the last exactly at {@code end}. */
    private static List<DifficultyChange> shares(Vardiff v, long start, long end, int count, double judged) {
        List<DifficultyChange> changes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            v.onShare(start + (end - start) * i / count, judged).ifPresent(changes::add);
        }
        return changes;
    }

    /** A full window of shares at {@code difficulty} lasting {@code millis}; returns its end. */
    private static long window(Vardiff v, long start, long millis, double difficulty) {
        assertThat(shares(v, start, start + millis, Vardiff.WINDOW_SHARES, difficulty)).isEmpty();
        return start + millis;
    }

    /** A ramp window exactly on target, which ends the ramp without a change; returns its end. */
    private static long endRamp(Vardiff v, long start, double difficulty) {
        assertThat(shares(v, start, start + RAMP_WINDOW_ON_TARGET_MILLIS, Vardiff.RAMP_WINDOW_SHARES, difficulty))
                .isEmpty();
        return start + RAMP_WINDOW_ON_TARGET_MILLIS;
    }

    /** Ramp, then windows on target until settled; returns the time of the last share. */
    private static long settle(Vardiff v, double difficulty) {
        long t = endRamp(v, 0, difficulty);
        while (!v.settled()) {
            t = window(v, t, WINDOW_ON_TARGET_MILLIS, difficulty);
        }
        return t;
    }
}
