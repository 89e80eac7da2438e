package org.tbg.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Hex;

class LegacySigOpsTest {
    @Test
    void countsChecksigInAP2pkhScript() {
        assertThat(LegacySigOps.inScript(Hex.decode("76a914751e76e8199196d454941c45d1b3a323f1433bd688ac"))).isEqualTo(1);
    }

    @Test
    void countsMultisigAsTwenty() {
        // 1-of-1 bare multisig: OP_1 <33-byte key> OP_1 OP_CHECKMULTISIG
        String key = "02" + "11".repeat(32);
        assertThat(LegacySigOps.inScript(Hex.decode("5121" + key + "51ae"))).isEqualTo(20);
    }

    @Test
    void opcodeBytesInsidePushesDoNotCount() {
        // A push of three 0xac bytes, then one real OP_CHECKSIG.
        assertThat(LegacySigOps.inScript(Hex.decode("03acacacac"))).isEqualTo(1);
        // OP_PUSHDATA1 of 2 bytes 0xac 0xac.
        assertThat(LegacySigOps.inScript(Hex.decode("4c02acac"))).isZero();
    }

    @Test
    void stopsAtATruncatedPush() {
        assertThat(LegacySigOps.inScript(Hex.decode("ac05acac"))).isEqualTo(1);
        assertThat(LegacySigOps.inScript(Hex.decode("ac4d01"))).isEqualTo(1);
    }

    @Test
    void segwitOutputsHaveNoLegacySigops() {
        assertThat(LegacySigOps.inScript(Hex.decode("0014751e76e8199196d454941c45d1b3a323f1433bd6"))).isZero();
    }
}
