package org.tbg.pool.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinerTextTest {

    @Test
    void controlCharactersAndLineSeparatorsAreFoundButEmojiAndZeroWidthAreText() {
        assertThat(MinerText.hasControlCharacters("rig\n2024-01-01 INFO fake line")).isTrue();
        assertThat(MinerText.hasControlCharacters("a\u0000b")).isTrue();
        assertThat(MinerText.hasControlCharacters("a\u0085b")).isTrue();
        assertThat(MinerText.hasControlCharacters("a\u2028b")).isTrue();
        assertThat(MinerText.hasControlCharacters("rig🚀\u200b1")).isFalse();
        assertThat(MinerText.hasControlCharacters("'; DROP TABLE shares; --")).isFalse();
    }

    @Test
    void printableReplacesControlsAndCuts() {
        assertThat(MinerText.printable("cgminer\r\n/4.12", 64)).isEqualTo("cgminer??/4.12");
        assertThat(MinerText.printable("x".repeat(200), 128)).hasSize(128);
        assertThat(MinerText.printable("bitaxe 🚀", 64)).isEqualTo("bitaxe 🚀");
        assertThat(MinerText.printable(null, 64)).isNull();
    }
}
