package org.tbg.stratum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict UTF-8 for stratum lines (the gap StratumRequestDecoderFuzzTest found: Jackson's tolerance). */
class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"id\":1}", "h\u00e9", "\u20ac", "\ud83d\ude80", "\u200b", "\u007f", "\ud7ff", "\ue000",
            "\uffff", "\udbff\udfff"})
    void wellFormedTextIsAccepted(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isWellFormedWithoutNul(b, 0, b.length)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00",             // NUL: never raw in JSON, and what makes Jackson guess UTF-16/32
            "7b002200",       // '{' '"' as UTF-16LE
            "fffe7b00",       // UTF-16LE byte-order mark
            "c0ae",           // overlong '.'
            "c1bf",           // overlong
            "e080af",         // overlong '/'
            "f08282ac",       // overlong '€'
            "eda080",         // a surrogate (U+D800)
            "edbfbf",         // a surrogate (U+DFFF)
            "f4908080",       // U+110000
            "f5808080",       // past U+10FFFF
            "80",             // a stray continuation byte
            "c328",           // a lead byte without its continuation
            "e282",           // truncated
            "f09f9a"})        // truncated
    void malformedSequencesAreRefused(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertThat(Utf8.isWellFormedWithoutNul(b, 0, b.length)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void onlyTheGivenRangeIsRead(int start) {
        byte[] b = {(byte) 0xc0, 'a', 'b', (byte) 0xe2};
        assertThat(Utf8.isWellFormedWithoutNul(b, 1, 2)).isTrue();
        assertThat(Utf8.isWellFormedWithoutNul(b, start, 1)).isEqualTo(start != 0);
    }
}
