package org.tbg.pool.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoinbaseSignatureTest {
    /** The rule exactly as spec/stratum.md writes it, used as an independent oracle. */
    private static final Pattern SPEC_CHARSET = Pattern.compile("[A-Za-z0-9 _\\-.:!#/]*");

    @Test
    void everyAllowedCharacterClassPasses() {
        assertThat(CoinbaseSignature.problem("AZaz09 _-.:!#/")).isEmpty();
        assertThat(CoinbaseSignature.isValid("Mined by Satoshi!")).isTrue();
        assertThat(CoinbaseSignature.isValid("/TheBitcoinGame:#1/")).isTrue();
    }

    @Test
    void emptyTextIsAllowedAndMeansNoSignature() {
        assertThat(CoinbaseSignature.problem("")).isEmpty();
    }

    @Test
    void twentyBytesIsTheLimit() {
        assertThat(CoinbaseSignature.problem("a".repeat(20))).isEmpty();
        assertThat(CoinbaseSignature.problem("a".repeat(21))).hasValueSatisfying(p -> assertThat(p).contains("21 bytes"));
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        String elevenChars = "\u00e9".repeat(11); // 11 characters, 22 bytes of UTF-8
        assertThat(elevenChars).hasSize(11);
        assertThat(elevenChars.getBytes(StandardCharsets.UTF_8)).hasSize(22);
        assertThat(CoinbaseSignature.problem(elevenChars)).hasValueSatisfying(p -> assertThat(p).contains("22 bytes"));
    }

    @Test
    void nonAsciiWithinTheByteLimitIsRefusedForItsCharacter() {
        assertThat(CoinbaseSignature.problem("caf\u00e9")).hasValueSatisfying(p -> assertThat(p).contains("U+00E9").contains("position 3"));
        // A character outside the BMP is named by its code point, not by half a surrogate pair.
        assertThat(CoinbaseSignature.problem("gm \uD83D\uDE00")).hasValueSatisfying(p -> assertThat(p).contains("U+1F600"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "tab\there", "quote\"", "it's", "<b>", "back\\slash", "a@b", "$5", "50%", "a,b", "a;b",
            "a=b", "1+1", "a*", "(x)", "[x]", "{x}", "a|b", "a~b", "`x`", "a?", "nul\u0000", "del\u007f", "nbsp\u00a0"})
    void forbiddenCharactersAreRefusedWithTheirCodePoint(String text) {
        int bad = text.codePoints().filter(c -> !SPEC_CHARSET.matcher(Character.toString(c)).matches()).findFirst().orElseThrow();
        assertThat(CoinbaseSignature.problem(text))
                .hasValueSatisfying(p -> assertThat(p).contains(String.format("U+%04X", bad)));
    }

    @Test
    void agreesWithTheSpecRegexOnEveryCharacterUpToU2FF() {
        for (int c = 0; c <= 0x2ff; c++) {
            String one = Character.toString(c);
            assertThat(CoinbaseSignature.isValid(one))
                    .as("U+%04X", c)
                    .isEqualTo(SPEC_CHARSET.matcher(one).matches());
        }
    }
}
