package org.tbg.bitcoin.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bech32 (BIP173) and bech32m (BIP350) string test vectors, all of them. */
class Bech32Test {

    @ParameterizedTest
    @ValueSource(strings = {
            "A12UEL5L",
            "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j", // "11" + 82 × 'q' + "c8247j"
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
            "?1ezyfcl"})
    void bip173ValidBech32(String text) {
        Bech32.Decoded decoded = Bech32.decode(text);
        assertThat(decoded.encoding()).isEqualTo(Bech32.Encoding.BECH32);
        // Re-encoding gives the same string in lower case: the checksum we compute is the one we verified.
        assertThat(Bech32.encode(Bech32.Encoding.BECH32, decoded.hrp(), decoded.data5bit()))
                .isEqualTo(text.toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "A1LQFN3A",
            "a1lqfn3a",
            "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
            "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
            "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
            "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
            "?1v759aa"})
    void bip350ValidBech32m(String text) {
        Bech32.Decoded decoded = Bech32.decode(text);
        assertThat(decoded.encoding()).isEqualTo(Bech32.Encoding.BECH32M);
        assertThat(Bech32.encode(Bech32.Encoding.BECH32M, decoded.hrp(), decoded.data5bit()))
                .isEqualTo(text.toLowerCase(Locale.ROOT));
    }

    @Test
    void bip173InvalidBech32() {
        assertInvalid("\u0020" + "1nwldj5", "character out of range");     // HRP character out of range
        assertInvalid("\u007f" + "1axkwrx", "character out of range");     // HRP character out of range
        assertInvalid("\u0080" + "1eym55h", "character out of range");     // HRP character out of range
        assertInvalid("an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
                "too long");                                                // overall max length exceeded
        assertInvalid("pzry9x0s0muk", "no separator");
        assertInvalid("1pzry9x0s0muk", "empty hrp");
        assertInvalid("x1b4n0q5v", "invalid data character");
        assertInvalid("li1dgmt3", "checksum too short");
        assertInvalid("de1lg7wt" + "\u00ff", "character out of range");    // invalid character in checksum
        assertInvalid("A1G7SGD8", "bad checksum");                          // checksum over the upper-case HRP
        assertInvalid("10a06t8", "empty hrp");
        assertInvalid("1qzzfhee", "empty hrp");
    }

    @Test
    void bip350InvalidBech32m() {
        assertInvalid("\u0020" + "1xj0phk", "character out of range");
        assertInvalid("\u007f" + "1g6xzxy", "character out of range");
        assertInvalid("\u0080" + "1vctc34", "character out of range");
        assertInvalid("an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4",
                "too long");
        assertInvalid("qyrz8wqd2c9m", "no separator");
        assertInvalid("1qyrz8wqd2c9m", "empty hrp");
        assertInvalid("y1b0jsk6g", "invalid data character");
        assertInvalid("lt1igcx5c0", "invalid data character");
        assertInvalid("in1muywd", "checksum too short");
        assertInvalid("mm1crxm3i", "invalid data character");              // invalid character in checksum
        assertInvalid("au1s5cgom", "invalid data character");              // invalid character in checksum
        assertInvalid("M1VUXWEZ", "bad checksum");                          // checksum over the upper-case HRP
        assertInvalid("16plkw9", "empty hrp");
        assertInvalid("1p2gdwpf", "empty hrp");
    }

    @Test
    void rejectsMixedCase() {
        assertInvalid("a12UEL5L", "mixed case");
    }

    @Test
    void oneEncodingsChecksumIsNotTheOthers() {
        // BIP350: no string is valid as both, so each valid bech32m vector fails as bech32 and vice versa.
        assertThat(Bech32.decode("a1lqfn3a").encoding()).isNotEqualTo(Bech32.Encoding.BECH32);
        assertThat(Bech32.decode("a12uel5l").encoding()).isNotEqualTo(Bech32.Encoding.BECH32M);
    }

    @Test
    void encodeRefusesOverlongResultsAndOutOfRangeValues() {
        assertThatThrownBy(() -> Bech32.encode(Bech32.Encoding.BECH32, "bc", new byte[83]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> Bech32.encode(Bech32.Encoding.BECH32, "bc", new byte[] {32}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5-bit");
    }

    @ParameterizedTest
    @CsvSource({
            // witness program of BIP173's first address, 8→5 bits and back
            "751e76e8199196d454941c45d1b3a323f1433bd6, 0e140f070d1a001912060b0d081504140311021d030c1d03040f1814060e1e16",
            "00, 0000",
            "ff, 1f1c"})
    void convertBitsRoundTrips(String eightBitHex, String fiveBitHex) {
        byte[] eight = Hex.decode(eightBitHex);
        byte[] five = Hex.decode(fiveBitHex);
        assertThat(Bech32.convertBits(eight, 8, 5, true)).isEqualTo(five);
        assertThat(Bech32.convertBits(five, 5, 8, false)).isEqualTo(eight);
    }

    @Test
    void convertBitsRejectsBadPaddingAndValues() {
        // 0x1f,0x1d: the 2 leftover bits are not zero.
        assertThatThrownBy(() -> Bech32.convertBits(new byte[] {0x1f, 0x1d}, 5, 8, false))
                .hasMessageContaining("non-zero");
        // Three groups = 15 bits: 7 leftover bits, more than 4.
        assertThatThrownBy(() -> Bech32.convertBits(new byte[] {0, 0, 0}, 5, 8, false))
                .hasMessageContaining("leftover bits");
        assertThatThrownBy(() -> Bech32.convertBits(new byte[] {32}, 5, 8, true))
                .hasMessageContaining("does not fit");
    }

    private static void assertInvalid(String text, String reason) {
        assertThatThrownBy(() -> Bech32.decode(text)).as(text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
