package org.tbg.bitcoin.address;

import java.util.List;
import java.util.Locale;

/**
 * The address parameters of one Bitcoin network: bech32 HRP and base58 version bytes.
 * A class rather than an enum because nodes exist with nonstandard parameters (bcoin's regtest).
 * Immutable.
 */
public final class Network {
    public static final Network MAIN = new Network("main", "bc", 0x00, 0x05);
    public static final Network TESTNET = new Network("test", "tb", 0x6f, 0xc4);
    /** Testnet4 (BIP94) shares testnet3's address parameters. */
    public static final Network TESTNET4 = new Network("testnet4", "tb", 0x6f, 0xc4);
    public static final Network SIGNET = new Network("signet", "tb", 0x6f, 0xc4);
    public static final Network REGTEST = new Network("regtest", "bcrt", 0x6f, 0xc4);
    /** bcoin 1.0.2's regtest (lib/protocol/networks.js): its addresses start with 'R' and "rb1". */
    public static final Network BCOIN_REGTEST = new Network("bcoin-regtest", "rb", 0x3c, 0x26);

    /**
     * Bitcoin Core's networks. bcoin's regtest is left out on purpose: on a node that reports
     * "regtest", its 'R…'/"rb1…" addresses must count as unknown formats (asked of the node), not
     * as another network's.
     */
    private static final List<Network> STANDARD = List.of(MAIN, TESTNET, TESTNET4, SIGNET, REGTEST);

    private final String name;
    private final String bech32Hrp;
    private final int p2pkhVersion;
    private final int p2shVersion;

    public Network(String name, String bech32Hrp, int p2pkhVersion, int p2shVersion) {
        if (bech32Hrp.isEmpty() || !bech32Hrp.equals(bech32Hrp.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("bech32 hrp must be non-empty lower case: " + bech32Hrp);
        }
        if ((p2pkhVersion & ~0xff) != 0 || (p2shVersion & ~0xff) != 0 || p2pkhVersion == p2shVersion) {
            throw new IllegalArgumentException("base58 versions must be two different bytes");
        }
        this.name = name;
        this.bech32Hrp = bech32Hrp;
        this.p2pkhVersion = p2pkhVersion;
        this.p2shVersion = p2shVersion;
    }

    /**
     * The network of {@code getblockchaininfo}'s {@code chain} field. "regtest" maps to Bitcoin Core's
     * regtest; a bcoin node's own regtest addresses are then unknown to the decoder and checked by the node.
     *
     * @throws IllegalArgumentException for any other chain name
     */
    public static Network fromChain(String chain) {
        return switch (chain) {
            case "main" -> MAIN;
            case "test" -> TESTNET;
            case "testnet4" -> TESTNET4;
            case "signet" -> SIGNET;
            case "regtest" -> REGTEST;
            default -> throw new IllegalArgumentException("unknown chain: " + chain);
        };
    }

    /** Bitcoin Core's networks, used to tell "an address of another network" from "an unknown format". */
    public static List<Network> standard() {
        return STANDARD;
    }

    public String name() {
        return name;
    }

    public String bech32Hrp() {
        return bech32Hrp;
    }

    public int p2pkhVersion() {
        return p2pkhVersion;
    }

    public int p2shVersion() {
        return p2shVersion;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.name.equals(name) && n.bech32Hrp.equals(bech32Hrp)
                && n.p2pkhVersion == p2pkhVersion && n.p2shVersion == p2shVersion;
    }

    @Override
    public int hashCode() {
        return ((name.hashCode() * 31 + bech32Hrp.hashCode()) * 31 + p2pkhVersion) * 31 + p2shVersion;
    }

    @Override
    public String toString() {
        return name;
    }
}
