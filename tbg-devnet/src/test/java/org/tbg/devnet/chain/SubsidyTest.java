package org.tbg.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubsidyTest {
    @Test
    void halvesEvery150BlocksOnRegtest() {
        assertThat(Subsidy.at(0)).isEqualTo(5_000_000_000L);
        assertThat(Subsidy.at(149)).isEqualTo(5_000_000_000L);
        assertThat(Subsidy.at(150)).isEqualTo(2_500_000_000L);
        assertThat(Subsidy.at(300)).isEqualTo(1_250_000_000L);
    }

    @Test
    void reachesZero() {
        // 50 BTC = 5e9 sat < 2^33: after 33 halvings nothing is left; after 64 Core stops shifting.
        assertThat(Subsidy.at(150L * 33)).isZero();
        assertThat(Subsidy.at(150L * 64)).isZero();
        assertThat(Subsidy.at(150L * 32)).isEqualTo(1);
    }
}
