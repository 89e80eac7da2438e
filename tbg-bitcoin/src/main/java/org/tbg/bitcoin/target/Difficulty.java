package org.tbg.bitcoin.target;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Difficulty in the "pdiff" convention of ckpool and cgminer: difficulty 1 is the target
 * {@code 0x00000000FFFF0000…0000} (= 0xFFFF · 2^208), and a hash's difficulty is diff1 / hash.
 */
public final class Difficulty {
    public static final BigInteger DIFF1 = BigInteger.valueOf(0xFFFFL).shiftLeft(208);
    private static final double DIFF1_DOUBLE = DIFF1.doubleValue();
    private static final double TWO_POW_64 = 18446744073709551616.0;

    private Difficulty() {}

    /**
     * The difficulty a hash (32 bytes, internal byte order) achieves, computed in floating point
     * without allocating; exact enough for share accounting (about 15 significant digits).
     * An all-zero hash yields {@code Double.POSITIVE_INFINITY}.
     */
    public static double ofHash(byte[] hash) {
        double value = 0;
        // Fold the four 64-bit little-endian limbs, most significant first.
        for (int limb = 3; limb >= 0; limb--) {
            long w = 0;
            for (int i = 7; i >= 0; i--) {
                w = (w << 8) | (hash[limb * 8 + i] & 0xff);
            }
            value = value * TWO_POW_64 + unsignedToDouble(w);
        }
        return DIFF1_DOUBLE / value;
    }

    public static double ofTarget(BigInteger target) {
        if (target.signum() == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(DIFF1).divide(new BigDecimal(target), MathContext.DECIMAL64).doubleValue();
    }

    /** The target a share of {@code difficulty} must meet: floor(diff1 / difficulty), capped at 2^256-1. */
    public static Target targetFor(double difficulty) {
        if (!(difficulty > 0) || Double.isInfinite(difficulty)) {
            throw new IllegalArgumentException("difficulty must be a positive finite number: " + difficulty);
        }
        // Exact floor: a double is exactly a BigDecimal, and a scale-0 FLOOR division rounds only once.
        BigInteger t = new BigDecimal(DIFF1).divide(new BigDecimal(difficulty), 0, RoundingMode.FLOOR).toBigInteger();
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        return new Target(t.min(max));
    }

    private static double unsignedToDouble(long w) {
        double d = (double) (w >>> 1) * 2.0;
        return d + (w & 1);
    }
}
