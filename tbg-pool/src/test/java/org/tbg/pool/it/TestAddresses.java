package org.tbg.pool.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bitcoinj.core.ECKey;
import org.bitcoinj.core.Utils;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.tbg.bitcoin.address.AddressEncoder;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.hash.Sha256d;

/**
 * Regtest addresses of every type from keys the tests hold (bitcoinj makes the keys and scripts,
 * so the expected scriptPubKeys come from an implementation independent of ours).
 */
public final class TestAddresses {
    /** The pool's own {@code btcaddress} in tests. */
    public static final String POOL_ADDRESS = AddressEncoder.p2wpkh(Network.REGTEST, key("pool").getPubKeyHash());

    private TestAddresses() {}

    /** A deterministic key from a label. */
    public static ECKey key(String label) {
        byte[] secret = Sha256d.sha256(("tbg-test-key:" + label).getBytes(StandardCharsets.UTF_8));
        return ECKey.fromPrivate(secret);
    }

    /** An address of {@code type} in Bitcoin Core's regtest format, and the scriptPubKey bitcoinj builds for it. */
    public static Payout payout(AddressType type, String label) {
        ECKey k = key(label);
        return switch (type) {
            case P2PKH -> new Payout(AddressEncoder.p2pkh(Network.REGTEST, k.getPubKeyHash()),
                    ScriptBuilder.createP2PKHOutputScript(k).getProgram());
            case P2SH -> {
                Script redeem = ScriptBuilder.createP2PKOutputScript(k);
                byte[] h = Utils.sha256hash160(redeem.getProgram());
                yield new Payout(AddressEncoder.p2sh(Network.REGTEST, h), ScriptBuilder.createP2SHOutputScript(h).getProgram());
            }
            case P2WPKH -> new Payout(AddressEncoder.p2wpkh(Network.REGTEST, k.getPubKeyHash()),
                    ScriptBuilder.createP2WPKHOutputScript(k).getProgram());
            case P2WSH -> {
                Script witnessScript = ScriptBuilder.createP2PKOutputScript(k);
                byte[] h = Sha256d.sha256(witnessScript.getProgram());
                yield new Payout(AddressEncoder.p2wsh(Network.REGTEST, h), ScriptBuilder.createP2WSHOutputScript(h).getProgram());
            }
            case P2TR -> {
                byte[] xonly = Arrays.copyOfRange(k.getPubKey(), 1, 33);
                byte[] script = new byte[34];
                script[0] = 0x51; // OP_1
                script[1] = 0x20;
                System.arraycopy(xonly, 0, script, 2, 32);
                yield new Payout(AddressEncoder.p2tr(Network.REGTEST, xonly), script);
            }
        };
    }

    /** @param address the text a miner authorizes with; @param script what its blocks must pay */
    public record Payout(String address, byte[] script) {
    }
}
