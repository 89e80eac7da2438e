package org.tbg.bitcoin.target;

import java.math.BigInteger;

/**
 * A 256-bit proof-of-work target, compared against hashes in internal (little-endian) byte order
 * without allocating. Immutable.
 */
public final class Target {
    /** 2^256 - 1, the largest value a hash can have. */
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private final BigInteger value;
    /** The target as 32 little-endian bytes, the same order as a hash's internal bytes. */
    private final byte[] le = new byte[32];

    public Target(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("target out of range: " + value.toString(16));
        }
        this.value = value;
        byte[] be = value.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
    }

    /** Decodes compact {@code nBits} as Bitcoin Core's {@code SetCompact} does (negative/overflow rejected). */
    public static Target fromBits(long nBits) {
        int exponent = (int) ((nBits >>> 24) & 0xff);
        long mantissa = nBits & 0x007fffffL;
        if ((nBits & 0x00800000L) != 0 && mantissa != 0) {
            throw new IllegalArgumentException("negative compact target " + Long.toHexString(nBits));
        }
        BigInteger v = exponent <= 3
                ? BigInteger.valueOf(mantissa >>> (8 * (3 - exponent)))
                : BigInteger.valueOf(mantissa).shiftLeft(8 * (exponent - 3));
        if (v.bitLength() > 256) {
            throw new IllegalArgumentException("compact target overflows 256 bits " + Long.toHexString(nBits));
        }
        return new Target(v);
    }

    /** True when {@code hash} (32 bytes, internal order) is at or below this target. */
    public boolean isMetBy(byte[] hash) {
        for (int i = 31; i >= 0; i--) {
            int h = hash[i] & 0xff;
            int t = le[i] & 0xff;
            if (h != t) {
                return h < t;
            }
        }
        return true;
    }

    public BigInteger value() {
        return value;
    }

    /** Difficulty of this target in the pdiff convention (diff1 / target). */
    public double difficulty() {
        return Difficulty.ofTarget(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && t.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return String.format("%064x", value);
    }
}
