package org.tbg.bitcoin.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

class DifficultyTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // real mainnet block hashes (display order)
            "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
            "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048",
            "000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506",
            "0000000000000000001c8018d9cb3b742ef25114f27563e3fc4a1902167f9893",
            "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"})
    void ofHashAgreesWithExactDivision(String displayHash) {
        byte[] hash = Bytes.reversed(Hex.decode(displayHash));
        BigInteger value = new BigInteger(1, Hex.decode(displayHash));
        double exact = new BigDecimal(Difficulty.DIFF1).divide(new BigDecimal(value), MathContext.DECIMAL64).doubleValue();
        assertThat(Difficulty.ofHash(hash)).isCloseTo(exact, within(exact * 1e-12));
    }

    @Test
    void genesisHashMeetsAboutTwoThousandTimesDifficultyOne() {
        // diff1 / 0x19d6689c… ≈ 2536.35: the genesis block beat its target by that factor.
        byte[] genesis = Bytes.reversed(Hex.decode("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"));
        assertThat(Difficulty.ofHash(genesis)).isBetween(2536.0, 2537.0);
        assertThat(Difficulty.ofHash(new byte[32])).isInfinite();
    }

    @ParameterizedTest
    @ValueSource(doubles = {4.656542373906925E-10, 0.001, 0.5, 1, 3, 1024, 65536, 14484.1623612254, 888171856257.3206})
    void targetForRoundTrips(double difficulty) {
        Target target = Difficulty.targetFor(difficulty);
        assertThat(target.difficulty()).isCloseTo(difficulty, within(difficulty * 1e-12));
        // A hash exactly at the target achieves (to double precision) the difficulty it was issued at.
        assertThat(Difficulty.ofHash(TargetTest.littleEndian(target.value())))
                .isCloseTo(difficulty, within(difficulty * 1e-12));
    }

    @Test
    void targetForOneIsDiff1AndTheMainnetMaximum() {
        assertThat(Difficulty.targetFor(1)).isEqualTo(Target.fromBits(0x1d00ffffL));
        assertThat(Difficulty.targetFor(2).value()).isEqualTo(Difficulty.DIFF1.shiftRight(1));
    }

    @Test
    void targetForTinyDifficultiesIsCappedAtTheLargestHash() {
        assertThat(Difficulty.targetFor(1e-80).value()).isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
        assertThatThrownBy(() -> Difficulty.targetFor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Difficulty.targetFor(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
