package org.tbg.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.target.Target;

class CompactBitsTest {
    @Test
    void encodesKnownTargetsAsCoreDoes() {
        // Difficulty-1 target, regtest's limit, and mainnet block 100,000's bits.
        assertThat(CompactBits.encode(Target.fromBits(0x1d00ffffL).value())).isEqualTo(0x1d00ffff);
        assertThat(CompactBits.encode(ConsensusLimits.POW_LIMIT)).isEqualTo(0x207fffff);
        assertThat(CompactBits.encode(Target.fromBits(0x1b04864cL).value())).isEqualTo(0x1b04864c);
    }

    @Test
    void movesAMantissaWithItsTopBitSetIntoTheExponent() {
        // 0x80 alone would read as negative in compact form: Core writes 0x02008000.
        assertThat(CompactBits.encode(BigInteger.valueOf(0x80))).isEqualTo(0x02008000);
        assertThat(CompactBits.encode(BigInteger.valueOf(0x12345600L))).isEqualTo(0x04123456);
        assertThat(CompactBits.encode(BigInteger.ZERO)).isZero();
    }

    @Test
    void difficultyOneIsTheDiff1Bits() {
        assertThat(CompactBits.forDifficulty(1.0)).isEqualTo(0x1d00ffff);
    }

    @Test
    void aTinyDifficultyIsClampedToRegtestsLimit() {
        assertThat(CompactBits.forDifficulty(1e-12)).isEqualTo(0x207fffff);
    }

    @Test
    void derivedBitsAreAtLeastAsHardAsAsked() {
        for (double d : new double[] {0.001, 0.5, 3.0, 1234.5, 1e6}) {
            int bits = CompactBits.forDifficulty(d);
            assertThat(Target.fromBits(Integer.toUnsignedLong(bits)).difficulty()).as("difficulty %s", d)
                    .isGreaterThanOrEqualTo(d * (1 - 1e-12));
        }
    }

    @Test
    void difficultyForAnInterval() {
        // 2^32 hashes per second find a difficulty-1 block every second on average.
        assertThat(CompactBits.difficultyForInterval(4294967296.0, 1)).isEqualTo(1.0);
        assertThat(CompactBits.difficultyForInterval(1e6, 10)).isEqualTo(1e7 / 4294967296.0);
    }

    @Test
    void rejectsBitsOutsideRegtestsLimit() {
        assertThatThrownBy(() -> CompactBits.requireUsable(0x2100ffff)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactBits.requireUsable(0x00000000)).isInstanceOf(IllegalArgumentException.class);
        CompactBits.requireUsable(0x207fffff);
        CompactBits.requireUsable(0x1d00ffff);
    }
}
