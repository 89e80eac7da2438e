package org.tbg.bitcoin.address;

import org.tbg.bitcoin.encoding.Base58;

/** Addresses from hashes and keys, for tests, the CPU miner and configuration examples. */
public final class AddressEncoder {
    private AddressEncoder() {}

    public static String p2pkh(Network network, byte[] hash160) {
        return base58(network.p2pkhVersion(), hash160);
    }

    public static String p2sh(Network network, byte[] hash160) {
        return base58(network.p2shVersion(), hash160);
    }

    public static String p2wpkh(Network network, byte[] hash160) {
        requireLength(hash160, 20, "hash160");
        return SegwitAddress.encode(network.bech32Hrp(), 0, hash160);
    }

    public static String p2wsh(Network network, byte[] sha256) {
        requireLength(sha256, 32, "script sha256");
        return SegwitAddress.encode(network.bech32Hrp(), 0, sha256);
    }

    public static String p2tr(Network network, byte[] xonly32) {
        requireLength(xonly32, 32, "x-only output key");
        return SegwitAddress.encode(network.bech32Hrp(), 1, xonly32);
    }

    private static String base58(int version, byte[] hash160) {
        requireLength(hash160, 20, "hash160");
        byte[] payload = new byte[21];
        payload[0] = (byte) version;
        System.arraycopy(hash160, 0, payload, 1, 20);
        return Base58.encodeChecked(payload);
    }

    private static void requireLength(byte[] b, int n, String what) {
        if (b.length != n) {
            throw new IllegalArgumentException(what + " must be " + n + " bytes, got " + b.length);
        }
    }
}
