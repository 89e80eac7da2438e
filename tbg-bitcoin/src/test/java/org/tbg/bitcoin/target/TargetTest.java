package org.tbg.bitcoin.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    @ParameterizedTest
    @CsvSource({
            // bits -> target, from bitcoinjs-lib test/fixtures/block.json "targets" (the non-negative ones)
            "1d00ffff, 00000000ffff0000000000000000000000000000000000000000000000000000",
            "1b0404cb, 00000000000404cb000000000000000000000000000000000000000000000000",
            "1814dd04, 000000000000000014dd04000000000000000000000000000000000000000000",
            "207fffff, 7fffff0000000000000000000000000000000000000000000000000000000000",
            // segwit activation block 481824
            "18013ce9, 0000000000000000013ce9000000000000000000000000000000000000000000"})
    void expandsCompactBits(String bits, String target) {
        assertThat(Target.fromBits(Long.parseLong(bits, 16)).toString()).isEqualTo(target);
    }

    @Test
    void rejectsNegativeAndOverflowingCompactValues() {
        assertThatThrownBy(() -> Target.fromBits(0x1b80ffffL)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Target.fromBits(0x2200ffffL)).hasMessageContaining("overflows");
    }

    @ParameterizedTest
    @CsvSource({
            // bits, difficulty as explorers publish it
            "1d00ffff, 1.0",
            "1b04864c, 14484.1623612254",            // block 100000
            "18013ce9, 888171856257.3206"})          // block 481824
    void difficultyOfRealTargets(String bits, double difficulty) {
        assertThat(Target.fromBits(Long.parseLong(bits, 16)).difficulty())
                .isCloseTo(difficulty, within(difficulty * 1e-12));
    }

    @Test
    void regtestDifficulty() {
        // Bitcoin Core's getdifficulty on regtest.
        assertThat(Target.fromBits(0x207fffffL).difficulty()).isCloseTo(4.656542373906925E-10, within(1e-24));
    }

    @Test
    void isMetByComparesLittleEndianHashes() {
        Target target = Target.fromBits(0x1d00ffffL);
        byte[] equal = littleEndian(target.value());
        assertThat(target.isMetBy(equal)).isTrue();
        assertThat(target.isMetBy(littleEndian(target.value().add(BigInteger.ONE)))).isFalse();
        assertThat(target.isMetBy(littleEndian(target.value().subtract(BigInteger.ONE)))).isTrue();
        assertThat(target.isMetBy(new byte[32])).isTrue();
    }

    static byte[] littleEndian(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
