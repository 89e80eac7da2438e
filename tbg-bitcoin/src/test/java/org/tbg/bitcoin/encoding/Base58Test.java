package org.tbg.bitcoin.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Vectors from Bitcoin Core's src/test/data/base58_encode_decode.json. */
class Base58Test {

    static Stream<Arguments> coreVectors() {
        return Stream.of(
                Arguments.of("", ""),
                Arguments.of("61", "2g"),
                Arguments.of("626262", "a3gV"),
                Arguments.of("636363", "aPEr"),
                Arguments.of("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
                Arguments.of("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
                Arguments.of("516b6fcd0f", "ABnLTmg"),
                Arguments.of("bf4f89001e670274dd", "3SEo3LWLoPntC"),
                Arguments.of("572e4794", "3EFU7m"),
                Arguments.of("ecac89cad93923c02321", "EJDM8drfXA6uyA"),
                Arguments.of("10c8511e", "Rt5zm"),
                Arguments.of("00000000000000000000", "1111111111"),
                Arguments.of("00000000000000000000000000000000000000000000000000000000000000000000000000000000",
                        "1111111111111111111111111111111111111111"),
                Arguments.of("00000000000000000000000000000000000000000000000000000000000000000000000000000001",
                        "1111111111111111111111111111111111111112"),
                // 86 zero bytes then ec39d04c37e71e5d591881f6 <-> 86 '1's then 5TYzLYH1udmLdzCLM
                Arguments.of("00".repeat(86) + "ec39d04c37e71e5d591881f6", "1".repeat(86) + "5TYzLYH1udmLdzCLM"),
                Arguments.of("000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5",
                        "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"),
                Arguments.of("271F359E", "zzzzy"),
                Arguments.of("271F359F", "zzzzz"),
                Arguments.of("271F35A0", "211111"),
                Arguments.of("271F35A1", "211112"));
    }

    @ParameterizedTest
    @MethodSource("coreVectors")
    void encodesAndDecodesCoreVectors(String hex, String base58) {
        byte[] bytes = Hex.decode(hex);
        assertThat(Base58.encode(bytes)).isEqualTo(base58);
        assertThat(Base58.decode(base58)).isEqualTo(bytes);
    }

    @Test
    void roundTripsAllByteValues() {
        // The long vector of base58_encode_decode.json: bytes 00..ff.
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String expected = "1cWB5HCBdLjAuqGGReWE3R3CguuwSjw6RHn39s2yuDRTS5NsBgNiFpWgAnEx6VQi8csexkgYw3mdYrMHr8x9i7aEwP8kZ7vccXWqKDvGv3u1GxFKPuAkn8JCPPGDMf3vMMnbzm6Nh9zh1gcNsMvH3ZNLmP5fSG6DGbbi2tuwMWPthr4boWwCxf7ewSgNQeacyozhKDDQQ1qL5fQFUW52QKUZDZ5fw3KXNQJMcNTcaB723LchjeKun7MuGW5qyCBZYzA1KjofN1gYBV3NqyhQJ3Ns746GNuf9N2pQPmHz4xpnSrrfCvy6TVVz5d4PdrjeshsWQwpZsZGzvbdAdN8MKV5QsBDY";
        assertThat(Base58.encode(all)).isEqualTo(expected);
        assertThat(Base58.decode(expected)).isEqualTo(all);
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        for (String bad : new String[] {"0", "O", "I", "l", "3SEo3LWLoPntC ", "invalid\0", "é"}) {
            assertThatThrownBy(() -> Base58.decode(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid base58 character");
        }
    }

    @Test
    void checkedDecodesRealAddress() {
        // Bitcoin Core key_io_valid.json: 1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo is P2PKH of a31c06bd…0717.
        byte[] payload = Base58.decodeChecked("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo");
        assertThat(Hex.encode(payload)).isEqualTo("00a31c06bd463e3923bc1aadbde48b16976c080717");
        assertThat(Base58.encodeChecked(payload)).isEqualTo("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo");
    }

    @Test
    void checkedRejectsBadChecksumAndShortInput() {
        // Last character changed: the checksum no longer matches.
        assertThatThrownBy(() -> Base58.decodeChecked("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad checksum");
        assertThatThrownBy(() -> Base58.decodeChecked("2g"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
    }
}
