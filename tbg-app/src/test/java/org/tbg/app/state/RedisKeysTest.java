package org.tbg.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisKeysTest {

    @Test
    void keysAreTheOnesInTheStorageSpec() {
        assertThat(RedisKeys.userCoinbase("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"))
                .isEqualTo("user_coinbase:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
        assertThat(RedisKeys.vardiff("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.rig1"))
                .isEqualTo("vardiff:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.rig1");
    }

    @Test
    void difficultiesAreWrittenAsPlainDecimals() {
        assertThat(RedisKeys.formatDifficulty(1024.0)).isEqualTo("1024");
        assertThat(RedisKeys.formatDifficulty(65536.0)).isEqualTo("65536");
        assertThat(RedisKeys.formatDifficulty(0.5)).isEqualTo("0.5");
        assertThat(RedisKeys.formatDifficulty(1e-8)).isEqualTo("0.00000001");
        assertThat(RedisKeys.formatDifficulty(123456789012.25)).isEqualTo("123456789012.25");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-8, 0.001, 0.5, 1, 3.75, 1024, 16384.5, 1e12, 2.5e15})
    void writtenDifficultiesReadBackExactly(double d) {
        assertThat(RedisKeys.parseDifficulty(RedisKeys.formatDifficulty(d))).hasValue(d);
    }

    @Test
    void readingToleratesSpacesAndOtherNotations() {
        assertThat(RedisKeys.parseDifficulty(" 2.5 ")).hasValue(2.5);
        assertThat(RedisKeys.parseDifficulty("1e3")).hasValue(1000.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "NaN", "Infinity", "-Infinity", "abc", "1,5"})
    void valuesThatAreNotFinitePositiveNumbersAreUnknown(String text) {
        assertThat(RedisKeys.parseDifficulty(text)).isEmpty();
    }

    @Test
    void aMissingKeyIsUnknown() {
        assertThat(RedisKeys.parseDifficulty(null)).isEmpty();
    }
}
