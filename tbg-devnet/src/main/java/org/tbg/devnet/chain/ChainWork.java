package org.tbg.devnet.chain;

import java.math.BigInteger;
import org.tbg.bitcoin.target.Target;

/** Expected hashes to find a block at a target, {@code 2^256 / (target + 1)}, as Core's {@code GetBlockProof}. */
public final class ChainWork {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private ChainWork() {}

    public static BigInteger ofBits(int bits) {
        return TWO_256.divide(Target.fromBits(bits & 0xffffffffL).value().add(BigInteger.ONE));
    }

    /** 64 hex digits, as {@code getblockchaininfo}'s {@code chainwork}. */
    public static String hex(BigInteger work) {
        return String.format("%064x", work);
    }
}
