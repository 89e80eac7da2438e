package org.tbg.devnet.chain;

import java.math.BigInteger;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;

/**
 * Compact targets ({@code nBits}) from targets and difficulties, for choosing how hard the
 * devnet's blocks are. Encoding follows Core's {@code arith_uint256::GetCompact}.
 */
public final class CompactBits {
    /** Expected hashes per unit of difficulty: difficulty 1 takes 2^32 hashes on average. */
    private static final double HASHES_PER_DIFFICULTY = 4294967296.0;
    private static final int MANTISSA_SIGN_BIT = 0x00800000;

    private CompactBits() {}

    /** The compact form of {@code target} (rounded down to its three most significant bytes). */
    public static int encode(BigInteger target) {
        if (target.signum() < 0 || target.bitLength() > 256) {
            throw new IllegalArgumentException("target out of range: " + target.toString(16));
        }
        int size = (target.bitLength() + 7) / 8;
        long mantissa = size <= 3
                ? target.longValue() << (8 * (3 - size))
                : target.shiftRight(8 * (size - 3)).longValue();
        // The mantissa's top bit is a sign bit: move a byte into the exponent instead of setting it.
        if ((mantissa & MANTISSA_SIGN_BIT) != 0) {
            mantissa >>= 8;
            size++;
        }
        return (int) (mantissa | ((long) size << 24));
    }

    /**
     * The bits of the easiest target at least as hard as {@code difficulty} (pdiff convention:
     * difficulty 1 is target 0xffff·2^208), never easier than regtest's limit.
     */
    public static int forDifficulty(double difficulty) {
        BigInteger target = Difficulty.targetFor(difficulty).value().min(ConsensusLimits.POW_LIMIT);
        return encode(target);
    }

    /** The difficulty at which {@code hashesPerSecond} finds a block every {@code seconds} on average. */
    public static double difficultyForInterval(double hashesPerSecond, double seconds) {
        if (!(hashesPerSecond > 0) || !(seconds > 0)) {
            throw new IllegalArgumentException("hash rate and interval must be positive");
        }
        return hashesPerSecond * seconds / HASHES_PER_DIFFICULTY;
    }

    /** @throws IllegalArgumentException unless {@code bits} decodes to a target in (0, regtest's limit] */
    public static void requireUsable(int bits) {
        BigInteger target;
        try {
            target = Target.fromBits(Integer.toUnsignedLong(bits)).value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bits " + Integer.toHexString(bits) + ": " + e.getMessage(), e);
        }
        if (target.signum() == 0 || target.compareTo(ConsensusLimits.POW_LIMIT) > 0) {
            throw new IllegalArgumentException("bits " + Integer.toHexString(bits)
                    + " is outside (0, regtest's limit 207fffff]");
        }
    }
}
