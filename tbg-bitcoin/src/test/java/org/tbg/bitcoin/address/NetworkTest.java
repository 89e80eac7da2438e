package org.tbg.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkTest {

    @Test
    void mapsGetblockchaininfoChainNames() {
        assertThat(Network.fromChain("main")).isSameAs(Network.MAIN);
        assertThat(Network.fromChain("test")).isSameAs(Network.TESTNET);
        assertThat(Network.fromChain("testnet4")).isSameAs(Network.TESTNET4);
        assertThat(Network.fromChain("signet")).isSameAs(Network.SIGNET);
        assertThat(Network.fromChain("regtest")).isSameAs(Network.REGTEST);
        assertThatThrownBy(() -> Network.fromChain("mainnet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mainnet");
    }

    @Test
    void carriesChainparamsPrefixes() {
        // Bitcoin Core chainparams.cpp: base58Prefixes PUBKEY_ADDRESS/SCRIPT_ADDRESS and bech32_hrp.
        assertThat(new int[] {Network.MAIN.p2pkhVersion(), Network.MAIN.p2shVersion()}).containsExactly(0x00, 0x05);
        assertThat(Network.MAIN.bech32Hrp()).isEqualTo("bc");
        assertThat(new int[] {Network.TESTNET.p2pkhVersion(), Network.TESTNET.p2shVersion()}).containsExactly(0x6f, 0xc4);
        assertThat(Network.TESTNET.bech32Hrp()).isEqualTo("tb");
        assertThat(Network.SIGNET.bech32Hrp()).isEqualTo("tb");
        assertThat(Network.REGTEST.bech32Hrp()).isEqualTo("bcrt");
        // bcoin 1.0.2 lib/protocol/networks.js, regtest.addressPrefix.
        assertThat(new int[] {Network.BCOIN_REGTEST.p2pkhVersion(), Network.BCOIN_REGTEST.p2shVersion()})
                .containsExactly(0x3c, 0x26);
        assertThat(Network.BCOIN_REGTEST.bech32Hrp()).isEqualTo("rb");
    }

    @Test
    void bcoinRegtestIsNotAStandardNetwork() {
        assertThat(Network.standard()).doesNotContain(Network.BCOIN_REGTEST).contains(Network.REGTEST);
    }

    @Test
    void validatesCustomParameters() {
        assertThatThrownBy(() -> new Network("x", "BC", 0, 5)).hasMessageContaining("lower case");
        assertThatThrownBy(() -> new Network("x", "bc", 0x100, 5)).hasMessageContaining("bytes");
        assertThatThrownBy(() -> new Network("x", "bc", 5, 5)).hasMessageContaining("different");
        assertThat(new Network("x", "xy", 1, 2)).isEqualTo(new Network("x", "xy", 1, 2));
    }
}
