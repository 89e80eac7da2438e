package org.tbg.stratum.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

class PrevHashTest {
    // Block 000…4d16b6f8's hash as shown by explorers/RPC, and the notify form ckpool/cgminer use.
    private static final String DISPLAY = "00000000440b921e1b77c6c0487ae5616de67f788f44ae2a5af6e2194d16b6f8";
    private static final String STRATUM = "4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000";

    @Test
    void internalOrderToStratum() {
        byte[] internal = Bytes.reversed(Hex.decode(DISPLAY));
        assertThat(PrevHash.toStratum(internal)).isEqualTo(STRATUM);
    }

    @Test
    void stratumToInternalOrder() {
        assertThat(Hex.encode(Bytes.reversed(PrevHash.fromStratum(STRATUM)))).isEqualTo(DISPLAY);
        assertThat(PrevHash.fromStratum(STRATUM.toUpperCase())).isEqualTo(Bytes.reversed(Hex.decode(DISPLAY)));
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> PrevHash.toStratum(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrevHash.fromStratum(STRATUM.substring(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrevHash.fromStratum(STRATUM.replace('4', 'g'))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrevHash.fromStratum(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
