package org.tbg.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tbg.bitcoin.encoding.Hex;

class AddressEncoderTest {

    static Stream<KeyIoVectors.Valid> payableVectors() {
        return KeyIoVectors.VALID.stream().filter(v -> payoutOrNull(v.scriptPubKeyHex()) != null);
    }

    @ParameterizedTest
    @MethodSource("payableVectors")
    void encodesCoreKeyIoAddressesFromTheirHashes(KeyIoVectors.Valid v) {
        Network network = Network.fromChain(v.chain());
        PayoutScript script = payoutOrNull(v.scriptPubKeyHex());
        assertThat(encode(network, script)).isEqualTo(v.address());
    }

    @Test
    void encodesBcoinRegtestAddresses() {
        for (var entry : BcoinRegtestVectors.ADDRESSES.entrySet()) {
            PayoutScript script = payoutOrNull(entry.getValue());
            assertThat(encode(Network.BCOIN_REGTEST, script)).isEqualTo(entry.getKey());
        }
    }

    @Test
    void rejectsWrongHashLengths() {
        assertThatThrownBy(() -> AddressEncoder.p2pkh(Network.MAIN, new byte[19])).hasMessageContaining("20 bytes");
        assertThatThrownBy(() -> AddressEncoder.p2wsh(Network.MAIN, new byte[20])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> AddressEncoder.p2tr(Network.MAIN, new byte[33])).hasMessageContaining("32 bytes");
    }

    private static String encode(Network network, PayoutScript script) {
        byte[] s = script.script();
        return switch (script.type()) {
            case P2PKH -> AddressEncoder.p2pkh(network, Arrays.copyOfRange(s, 3, 23));
            case P2SH -> AddressEncoder.p2sh(network, Arrays.copyOfRange(s, 2, 22));
            case P2WPKH -> AddressEncoder.p2wpkh(network, Arrays.copyOfRange(s, 2, 22));
            case P2WSH -> AddressEncoder.p2wsh(network, Arrays.copyOfRange(s, 2, 34));
            case P2TR -> AddressEncoder.p2tr(network, Arrays.copyOfRange(s, 2, 34));
        };
    }

    /** The payout script for key_io's hex, or null for the witness v2+ entries no payout may use. */
    private static PayoutScript payoutOrNull(String scriptHex) {
        try {
            return PayoutScript.fromScript(Hex.decode(scriptHex));
        } catch (IllegalArgumentException notPayable) {
            return null;
        }
    }
}
