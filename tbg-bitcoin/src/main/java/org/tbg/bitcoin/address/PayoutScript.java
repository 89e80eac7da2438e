package org.tbg.bitcoin.address;

import java.util.Arrays;
import org.tbg.bitcoin.encoding.Hex;

/**
 * A standard scriptPubKey a coinbase can pay, with its kind. Equal by content: the pool caches
 * coinbase parts per payout script.
 */
public record PayoutScript(AddressType type, byte[] script) {
    private static final int OP_0 = 0x00;
    private static final int OP_1 = 0x51;
    private static final int OP_DUP = 0x76;
    private static final int OP_HASH160 = 0xa9;
    private static final int OP_EQUAL = 0x87;
    private static final int OP_EQUALVERIFY = 0x88;
    private static final int OP_CHECKSIG = 0xac;

    public PayoutScript {
        script = script.clone();
        if (classify(script) != type) {
            throw new IllegalArgumentException("script " + Hex.encode(script) + " is not " + type.label());
        }
    }

    /** @throws IllegalArgumentException when the script is not P2PKH, P2SH, P2WPKH, P2WSH or P2TR */
    public static PayoutScript fromScript(byte[] scriptPubKey) {
        AddressType type = classify(scriptPubKey);
        if (type == null) {
            throw new IllegalArgumentException("not a standard payout script: " + Hex.encode(scriptPubKey));
        }
        return new PayoutScript(type, scriptPubKey);
    }

    public static PayoutScript p2pkh(byte[] hash160) {
        requireLength(hash160, 20);
        byte[] s = new byte[25];
        s[0] = (byte) OP_DUP;
        s[1] = (byte) OP_HASH160;
        s[2] = 20;
        System.arraycopy(hash160, 0, s, 3, 20);
        s[23] = (byte) OP_EQUALVERIFY;
        s[24] = (byte) OP_CHECKSIG;
        return new PayoutScript(AddressType.P2PKH, s);
    }

    public static PayoutScript p2sh(byte[] hash160) {
        requireLength(hash160, 20);
        byte[] s = new byte[23];
        s[0] = (byte) OP_HASH160;
        s[1] = 20;
        System.arraycopy(hash160, 0, s, 2, 20);
        s[22] = (byte) OP_EQUAL;
        return new PayoutScript(AddressType.P2SH, s);
    }

    /** A witness v0 (20 or 32 bytes) or v1 (32 bytes) output. */
    public static PayoutScript witness(int version, byte[] program) {
        AddressType type = version == 0 && program.length == 20 ? AddressType.P2WPKH
                : version == 0 && program.length == 32 ? AddressType.P2WSH
                : version == 1 && program.length == 32 ? AddressType.P2TR
                : null;
        if (type == null) {
            throw new IllegalArgumentException("no payout type for witness v" + version + " with "
                    + program.length + "-byte program");
        }
        byte[] s = new byte[2 + program.length];
        s[0] = (byte) (version == 0 ? OP_0 : OP_1 + version - 1);
        s[1] = (byte) program.length;
        System.arraycopy(program, 0, s, 2, program.length);
        return new PayoutScript(type, s);
    }

    @Override
    public byte[] script() {
        return script.clone();
    }

    public int length() {
        return script.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayoutScript p && p.type == type && Arrays.equals(p.script, script);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(script);
    }

    @Override
    public String toString() {
        return type.label() + ":" + Hex.encode(script);
    }

    private static AddressType classify(byte[] s) {
        int n = s.length;
        if (n == 25 && u(s, 0) == OP_DUP && u(s, 1) == OP_HASH160 && s[2] == 20
                && u(s, 23) == OP_EQUALVERIFY && u(s, 24) == OP_CHECKSIG) {
            return AddressType.P2PKH;
        }
        if (n == 23 && u(s, 0) == OP_HASH160 && s[1] == 20 && u(s, 22) == OP_EQUAL) {
            return AddressType.P2SH;
        }
        if (n == 22 && u(s, 0) == OP_0 && s[1] == 20) {
            return AddressType.P2WPKH;
        }
        if (n == 34 && u(s, 0) == OP_0 && s[1] == 32) {
            return AddressType.P2WSH;
        }
        if (n == 34 && u(s, 0) == OP_1 && s[1] == 32) {
            return AddressType.P2TR;
        }
        return null;
    }

    private static int u(byte[] s, int i) {
        return s[i] & 0xff;
    }

    private static void requireLength(byte[] b, int n) {
        if (b.length != n) {
            throw new IllegalArgumentException("expected " + n + " bytes, got " + b.length);
        }
    }
}
