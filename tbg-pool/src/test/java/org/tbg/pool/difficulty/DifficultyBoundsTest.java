package org.tbg.pool.difficulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DifficultyBoundsTest {

    @Test
    void mindiffIsTheFloorAndMaxdiffZeroMeansNoCeiling() {
        DifficultyBounds b = DifficultyBounds.of(1, 0);
        assertThat(b.clamp(0.5)).isEqualTo(1.0);
        assertThat(b.clamp(1e12)).isEqualTo(1e12);
        assertThat(b.ceiling()).isInfinite();
    }

    @Test
    void maxdiffIsTheCeiling() {
        DifficultyBounds b = DifficultyBounds.of(1, 1000);
        assertThat(b.clamp(5000)).isEqualTo(1000.0);
        assertThat(b.clamp(999.5)).isEqualTo(999.5);
    }

    @Test
    void theMinersMinimumRaisesTheFloorButNeverBelowMindiff() {
        DifficultyBounds b = DifficultyBounds.of(1, 0);
        assertThat(b.withMinerMinimum(500).clamp(42)).isEqualTo(500.0);
        assertThat(b.withMinerMinimum(500).clamp(800)).isEqualTo(800.0);
        // d=0.00000001 below mindiff is raised to mindiff
        assertThat(b.withMinerMinimum(0.00000001).clamp(0.00000001)).isEqualTo(1.0);
    }

    @Test
    void fractionalDifficultiesPassThrough() {
        DifficultyBounds b = DifficultyBounds.of(0.0001, 0).withMinerMinimum(0.001);
        assertThat(b.floor()).isEqualTo(0.001);
        assertThat(b.clamp(0.0005)).isEqualTo(0.001);
        assertThat(b.clamp(0.0123)).isEqualTo(0.0123);
    }

    @Test
    void aNetworkDifficultyOfAtLeastOneCapsTheDifficulty() {
        DifficultyBounds b = DifficultyBounds.of(1, 0);
        assertThat(b.withNetworkDifficulty(5000).clamp(1e6)).isEqualTo(5000.0);
        assertThat(b.withNetworkDifficulty(1).clamp(42)).isEqualTo(1.0);
        assertThat(DifficultyBounds.of(1, 3000).withNetworkDifficulty(5000).clamp(1e6)).isEqualTo(3000.0);
        assertThat(DifficultyBounds.of(1, 9000).withNetworkDifficulty(5000).clamp(1e6)).isEqualTo(5000.0);
    }

    @Test
    void aNetworkDifficultyBelowOneIsIgnored() {
        // regtest: 4.66e-10; capping there would ask for nothing
        DifficultyBounds b = DifficultyBounds.of(0.0001, 0).withNetworkDifficulty(4.656542373906925e-10);
        assertThat(b.clamp(42)).isEqualTo(42.0);
        assertThat(DifficultyBounds.of(1, 0).withNetworkDifficulty(0).clamp(42)).isEqualTo(42.0);
    }

    @Test
    void theCeilingWinsWhereTheEndsCross() {
        DifficultyBounds b = DifficultyBounds.of(1, 0).withMinerMinimum(10_000).withNetworkDifficulty(5000);
        assertThat(b.clamp(42)).isEqualTo(5000.0);
        assertThat(DifficultyBounds.of(100, 50).clamp(75)).isEqualTo(50.0);
    }

    @Test
    void nonsenseIsRefused() {
        DifficultyBounds b = DifficultyBounds.of(1, 0);
        assertThatThrownBy(() -> b.clamp(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.clamp(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.clamp(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DifficultyBounds.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DifficultyBounds.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.withMinerMinimum(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
