package org.tbg.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tbg.bitcoin.encoding.Hex;

class AddressDecoderTest {
    private static final List<Network> CORE_NETWORKS =
            List.of(Network.MAIN, Network.TESTNET, Network.TESTNET4, Network.SIGNET, Network.REGTEST);

    static Stream<KeyIoVectors.Valid> payableVectors() {
        return KeyIoVectors.VALID.stream().filter(v -> !isFutureWitness(v));
    }

    static Stream<KeyIoVectors.Valid> futureWitnessVectors() {
        return KeyIoVectors.VALID.stream().filter(AddressDecoderTest::isFutureWitness);
    }

    @ParameterizedTest
    @MethodSource("payableVectors")
    void decodesCoreKeyIoAddressesToTheirScripts(KeyIoVectors.Valid v) throws Exception {
        Network network = Network.fromChain(v.chain());
        PayoutScript script = AddressDecoder.decode(v.address(), network);
        assertThat(Hex.encode(script.script())).isEqualTo(v.scriptPubKeyHex());
        if (v.address().startsWith(network.bech32Hrp() + "1")) {
            // key_io's tryCaseFlip: bech32 is case-insensitive as long as the case is not mixed.
            assertThat(AddressDecoder.decode(v.address().toUpperCase(Locale.ROOT), network)).isEqualTo(script);
        }
    }

    @ParameterizedTest
    @MethodSource("futureWitnessVectors")
    void refusesValidFutureWitnessVersionsAsPayouts(KeyIoVectors.Valid v) {
        InvalidAddressException e = rejection(v.address(), Network.fromChain(v.chain()));
        assertThat(e).isNotNull();
        assertThat(e.unknownFormat()).isFalse();
        assertThat(e.reason()).contains("not spendable yet");
    }

    @Test
    void rejectsEveryCoreKeyIoInvalidEntryOnEveryNetwork() {
        for (String address : KeyIoVectors.INVALID) {
            for (Network network : CORE_NETWORKS) {
                InvalidAddressException e = rejection(address, network);
                assertThat(e).as("%s on %s", address, network).isNotNull();
                assertThat(e.reason()).isNotBlank();
            }
        }
    }

    @Test
    void definiteErrorsAreNotUnknownFormats() {
        assertDefinite("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", Network.MAIN, "bad checksum");
        assertDefinite("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", Network.TESTNET, "mixed case");
        assertDefinite("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", Network.MAIN, "witness v0");
        assertDefinite("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", Network.MAIN, "bech32m");
        assertDefinite("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mp", Network.MAIN, "bad checksum");  // last char altered
        assertDefinite("", Network.MAIN, "empty");
        // BIP350's valid v16 address: well-formed, but no payout may go to an unspendable version.
        assertDefinite("BC1SW50QGDZ25J", Network.MAIN, "not spendable yet");
        // BIP350's valid v1 address with a 40-byte program: not taproot.
        assertDefinite("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", Network.MAIN,
                "not taproot");
    }

    @Test
    void addressesOfAnotherStandardNetworkAreDefiniteErrors() {
        assertDefinite("bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv", Network.REGTEST, "main");
        assertDefinite("bcrt1qdavt4j2sd7dlhqsavtnfxvzppw6k7qy97tmnu9", Network.MAIN, "regtest");
        assertDefinite("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo", Network.TESTNET, "0x00");
        assertDefinite("mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hZ", Network.MAIN, "0x6f");
    }

    @Test
    void testnetAddressesAreValidOnCoreRegtestWhichSharesTheirVersionBytes() throws Exception {
        PayoutScript script = AddressDecoder.decode("mzK2FFDEhxqHcmrJw1ysqFkVyhUULo45hZ", Network.REGTEST);
        assertThat(Hex.encode(script.script())).isEqualTo("76a914ce28b26c57472737f5c3561a1761185bd8589a4388ac");
    }

    @Test
    void bcoinRegtestAddressesAreUnknownFormatsOnCoreRegtest() {
        // What a bcoin node reports as chain "regtest" maps to Core's parameters; its own addresses must
        // then go to the node (validateaddress), never be refused locally.
        for (String bcoinAddress : BcoinRegtestVectors.ADDRESSES.keySet()) {
            InvalidAddressException e = rejection(bcoinAddress, Network.REGTEST);
            assertThat(e).as(bcoinAddress).isNotNull();
            assertThat(e.unknownFormat()).as(bcoinAddress).isTrue();
        }
    }

    @Test
    void bcoinRegtestAddressesDecodeWithBcoinParameters() throws Exception {
        for (var entry : BcoinRegtestVectors.ADDRESSES.entrySet()) {
            PayoutScript script = AddressDecoder.decode(entry.getKey(), Network.BCOIN_REGTEST);
            assertThat(Hex.encode(script.script())).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void unknownHrpWithValidChecksumIsUnknownFormat() {
        // BIP173's "invalid human-readable part" vector: a checksum-valid string for HRP "tc".
        InvalidAddressException e = rejection("tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty", Network.MAIN);
        assertThat(e.unknownFormat()).isTrue();
        assertThat(e.reason()).contains("'tc'");
    }

    @Test
    void garbageIsADefiniteError() {
        InvalidAddressException e = rejection("not an address", Network.MAIN);
        assertThat(e.unknownFormat()).isFalse();
    }

    @Test
    void classifiesEachPayoutType() throws Exception {
        assertThat(AddressDecoder.decode("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo", Network.MAIN).type())
                .isEqualTo(AddressType.P2PKH);
        assertThat(AddressDecoder.decode("36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm", Network.MAIN).type())
                .isEqualTo(AddressType.P2SH);
        assertThat(AddressDecoder.decode("bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv", Network.MAIN).type())
                .isEqualTo(AddressType.P2WPKH);
        assertThat(AddressDecoder.decode("bc1qyucykdlhp62tezs0hagqury402qwhk589q80tqs5myh3rxq34nwqhkdhv7", Network.MAIN)
                .type()).isEqualTo(AddressType.P2WSH);
        assertThat(AddressDecoder.decode("bc1p83n3au0rjylefxq2nc2xh2y4jzz4pm6zxj4mw5pagdjjr2a9f36s6jjnnu", Network.MAIN)
                .type()).isEqualTo(AddressType.P2TR);
    }

    private static void assertDefinite(String address, Network network, String reasonPart) {
        InvalidAddressException e = rejection(address, network);
        assertThat(e).as(address).isNotNull();
        assertThat(e.unknownFormat()).as(address + ": " + e.reason()).isFalse();
        assertThat(e.reason()).as(address).contains(reasonPart);
    }

    /** The decoder's error for an address it must not accept. */
    private static InvalidAddressException rejection(String address, Network network) {
        try {
            AddressDecoder.decode(address, network);
        } catch (InvalidAddressException e) {
            return e;
        }
        throw new AssertionError(address + " was accepted on " + network);
    }

    /** key_io's witness v2+ entries: scriptPubKey starts with OP_2..OP_16. */
    private static boolean isFutureWitness(KeyIoVectors.Valid v) {
        int op = Integer.parseInt(v.scriptPubKeyHex().substring(0, 2), 16);
        return op >= 0x52 && op <= 0x60;
    }
}
