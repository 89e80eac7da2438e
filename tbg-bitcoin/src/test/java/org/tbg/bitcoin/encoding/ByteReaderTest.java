package org.tbg.bitcoin.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Lengths read from untrusted bytes (found by TransactionFuzzTest). */
class ByteReaderTest {

    @Test
    void aLengthOfTwoToTheSixtyThirdOrMoreIsRefusedNotTruncated() {
        // 0xff + 8 bytes: 2^63 + 5, which is negative as a long and 5 once cast to int.
        ByteReader r = new ByteReader(Hex.decode("ff0500000000000080" + "0102030405"));
        assertThatThrownBy(r::readVarBytes)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9223372036854775813");
    }

    @Test
    void aLengthThatOverflowsThePositionIsRefused() {
        // 0xff + 8 bytes: 2^63 + 2^31 - 1, which is Integer.MAX_VALUE once cast to int.
        ByteReader r = new ByteReader(Hex.decode("00ffffffff7fffffff80"));
        r.readByte();
        assertThatThrownBy(r::readVarBytes).isInstanceOf(IllegalArgumentException.class);
        ByteReader s = new ByteReader(new byte[8]);
        s.readByte();
        assertThatThrownBy(() -> s.readBytes(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read past end");
    }

    @Test
    void lengthsWithinTheInputAreRead() {
        ByteReader r = new ByteReader(Hex.decode("03aabbcc"));
        assertThat(r.readVarBytes()).isEqualTo(Hex.decode("aabbcc"));
        assertThat(r.remaining()).isZero();
    }
}
