package org.tbg.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bitcoinj.core.Address;
import org.bitcoinj.core.AddressFormatException;
import org.bitcoinj.core.LegacyAddress;
import org.bitcoinj.core.NetworkParameters;
import org.bitcoinj.core.SegwitAddress;
import org.bitcoinj.params.MainNetParams;
import org.bitcoinj.params.RegTestParams;
import org.bitcoinj.params.TestNet3Params;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Tag;
import org.tbg.bitcoin.encoding.Base58;
import org.tbg.bitcoin.encoding.Bech32;

/**
 * Any text where a miner's address is expected (the username of {@code mining.authorize}), through
 * the base58 and bech32 decoders and {@link AddressDecoder} on each set of network address
 * parameters, with bitcoinj as the oracle. Each decoder gives a value that encodes back to the
 * same text, or its documented exception with a reason: IllegalArgumentException for the codecs,
 * InvalidAddressException for addresses. One target for the three because they read the same
 * text (and Jazzer fuzzes one test per JVM). Seeds: Bitcoin Core's key_io vectors, the
 * BIP173/BIP350 string and address vectors, base58 vectors, bcoin regtest addresses.
 */
@Tag("fuzz")
class AddressTextFuzzTest {

    /** A network and bitcoinj's parameters for its addresses (null where bitcoinj has none). */
    private record Chain(Network network, NetworkParameters bitcoinj) {}

    /** One network per set of address parameters: testnet4 and signet use testnet3's. */
    private static final List<Chain> CHAINS = List.of(
            new Chain(Network.MAIN, MainNetParams.get()),
            new Chain(Network.TESTNET, TestNet3Params.get()),
            new Chain(Network.REGTEST, RegTestParams.get()),
            new Chain(Network.BCOIN_REGTEST, null));

    @FuzzTest(maxDuration = "10s")
    void everyTextDecodesConsistentlyOrGivesAReason(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        checkBase58(text, input);
        checkBech32(text, input);
        for (Chain chain : CHAINS) {
            checkAddress(text, chain, chain.bitcoinj() == null ? null : bitcoinjAddressOrNull(chain.bitcoinj(), text));
        }
    }

    private static void checkBase58(String text, byte[] input) {
        byte[] ours = base58OrNull(text);
        assertThat(ours).as("base58 %s", text).isEqualTo(bitcoinjBase58OrNull(text));
        if (ours != null) {
            // Canonical: leading '1's are leading zero bytes, so the text comes back unchanged.
            assertThat(Base58.encode(ours)).isEqualTo(text);
            byte[] payload = base58CheckedOrNull(text);
            assertThat(payload).as("base58check %s", text).isEqualTo(bitcoinjBase58CheckedOrNull(text));
            if (payload != null) {
                assertThat(Base58.encodeChecked(payload)).isEqualTo(text);
            }
        }
        // Any bytes encode to text that decodes back to them.
        assertThat(Base58.decodeChecked(Base58.encodeChecked(input))).isEqualTo(input);
    }

    private static void checkBech32(String text, byte[] input) {
        Bech32.Decoded ours = bech32OrNull(text);
        org.bitcoinj.core.Bech32.Bech32Data theirs = bitcoinjBech32OrNull(text);
        assertThat(ours != null).as("bech32 %s: bitcoinj %s", text, theirs != null ? "accepts" : "refuses")
                .isEqualTo(theirs != null);
        if (ours != null) {
            assertThat(ours.encoding().name()).isEqualTo(theirs.encoding.name());
            assertThat(ours.hrp()).isEqualTo(theirs.hrp);
            assertThat(ours.data5bit()).isEqualTo(theirs.data);
            // The checksum we verified is the one we compute: the text comes back, in lower case.
            assertThat(Bech32.encode(ours.encoding(), ours.hrp(), ours.data5bit())).isEqualTo(text.toLowerCase(Locale.ROOT));
        }
        assertThat(Bech32.convertBits(Bech32.convertBits(input, 8, 5, true), 5, 8, false)).isEqualTo(input);
    }

    private static void checkAddress(String text, Chain chain, Address theirs) {
        PayoutScript script;
        try {
            script = AddressDecoder.decode(text, chain.network());
        } catch (InvalidAddressException e) {
            assertThat(e.reason()).isNotBlank();
            // What we refuse, bitcoinj may only accept as an output no block should pay (a future witness version).
            assertThat(theirs == null || !isPayable(theirs))
                    .as("%s on %s: refused, but bitcoinj reads %s", text, chain.network(), theirs).isTrue();
            return;
        }
        assertThat(PayoutScript.fromScript(script.script())).isEqualTo(script);
        assertThat(encode(script, chain.network())).as("%s on %s", text, chain.network())
                .isEqualTo(isSegwit(script.type()) ? text.toLowerCase(Locale.ROOT) : text);
        if (chain.bitcoinj() != null) {
            assertThat(theirs).as("%s on %s: bitcoinj refuses it", text, chain.network()).isNotNull();
            assertThat(ScriptBuilder.createOutputScript(theirs).getProgram()).isEqualTo(script.script());
        }
    }

    /** P2PKH, P2SH, witness v0, and v1 with a 32-byte program (taproot): what a coinbase may pay. */
    private static boolean isPayable(Address a) {
        if (a instanceof LegacyAddress) {
            return true;
        }
        SegwitAddress s = (SegwitAddress) a;
        return s.getWitnessVersion() == 0 || s.getWitnessVersion() == 1 && s.getWitnessProgram().length == 32;
    }

    private static boolean isSegwit(AddressType type) {
        return type != AddressType.P2PKH && type != AddressType.P2SH;
    }

    /** The address of a standard script, from the script's bytes (BIP16, BIP141 and BIP341 layouts). */
    private static String encode(PayoutScript p, Network n) {
        byte[] s = p.script();
        return switch (p.type()) {
            case P2PKH -> AddressEncoder.p2pkh(n, Arrays.copyOfRange(s, 3, 23));
            case P2SH -> AddressEncoder.p2sh(n, Arrays.copyOfRange(s, 2, 22));
            case P2WPKH -> AddressEncoder.p2wpkh(n, Arrays.copyOfRange(s, 2, 22));
            case P2WSH -> AddressEncoder.p2wsh(n, Arrays.copyOfRange(s, 2, 34));
            case P2TR -> AddressEncoder.p2tr(n, Arrays.copyOfRange(s, 2, 34));
        };
    }

    // Ours may throw only IllegalArgumentException, with a reason; bitcoinj's refusals are AddressFormatException.

    private static byte[] base58OrNull(String text) {
        try {
            return Base58.decode(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static byte[] base58CheckedOrNull(String text) {
        try {
            return Base58.decodeChecked(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static Bech32.Decoded bech32OrNull(String text) {
        try {
            return Bech32.decode(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static byte[] bitcoinjBase58OrNull(String text) {
        try {
            return org.bitcoinj.core.Base58.decode(text);
        } catch (AddressFormatException e) {
            return null;
        }
    }

    private static byte[] bitcoinjBase58CheckedOrNull(String text) {
        try {
            return org.bitcoinj.core.Base58.decodeChecked(text);
        } catch (AddressFormatException e) {
            return null;
        }
    }

    private static org.bitcoinj.core.Bech32.Bech32Data bitcoinjBech32OrNull(String text) {
        try {
            return org.bitcoinj.core.Bech32.decode(text);
        } catch (AddressFormatException e) {
            return null;
        }
    }

    private static Address bitcoinjAddressOrNull(NetworkParameters params, String text) {
        try {
            return Address.fromString(params, text);
        } catch (AddressFormatException e) {
            return null;
        }
    }
}
