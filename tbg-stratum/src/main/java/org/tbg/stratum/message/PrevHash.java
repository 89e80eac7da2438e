package org.tbg.stratum.message;

import org.tbg.bitcoin.encoding.Hex;

/**
 * The prevhash field of {@code mining.notify}: the header's 32 prevhash bytes (internal order)
 * with each 4-byte word byte-reversed, in hex. This is the form ckpool sends and cgminer-derived
 * firmware expects; display hash {@code 00000000440b…16b6f8} is sent as {@code 4d16b6f8…00000000}.
 */
public final class PrevHash {
    private static final int LENGTH = 32;

    private PrevHash() {}

    /** Stratum hex of a prevhash given in internal byte order (32 bytes). */
    public static String toStratum(byte[] prevHashInternal) {
        if (prevHashInternal.length != LENGTH) {
            throw new IllegalArgumentException("prevhash must be 32 bytes, got " + prevHashInternal.length);
        }
        return Hex.encode(swapWords(prevHashInternal));
    }

    /** Internal byte order of a stratum prevhash (64 hex digits). */
    public static byte[] fromStratum(String hex) {
        if (hex == null || !Hex.isHex(hex, LENGTH)) {
            throw new IllegalArgumentException("prevhash must be 64 hex digits");
        }
        return swapWords(Hex.decode(hex));
    }

    /** The transformation is its own inverse. */
    private static byte[] swapWords(byte[] in) {
        byte[] out = new byte[LENGTH];
        for (int word = 0; word < LENGTH; word += 4) {
            for (int i = 0; i < 4; i++) {
                out[word + i] = in[word + 3 - i];
            }
        }
        return out;
    }
}
