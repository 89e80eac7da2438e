package org.tbg.devnet.chain;

import java.math.BigInteger;
import org.tbg.bitcoin.target.Target;

/** The consensus constants of Bitcoin Core's regtest that the devnet enforces. */
public final class ConsensusLimits {
    /** BIP141 block weight limit; also bounds the stripped size times the scale factor. */
    public static final int MAX_BLOCK_WEIGHT = 4_000_000;
    public static final int WITNESS_SCALE_FACTOR = 4;
    /** Sigop cost limit of a block (legacy sigops count four each). */
    public static final int MAX_BLOCK_SIGOPS_COST = 80_000;
    /** 21 million BTC in satoshis: no output or sum of outputs may exceed it. */
    public static final long MAX_MONEY = 21_000_000L * 100_000_000L;
    /** A coinbase scriptSig is 2–100 bytes (bad-cb-length). */
    public static final int MIN_COINBASE_SCRIPT_SIG = 2;
    public static final int MAX_COINBASE_SCRIPT_SIG = 100;
    /** A header may be at most two hours ahead of the node's clock (time-too-new). */
    public static final long MAX_FUTURE_BLOCK_TIME_SECONDS = 2 * 60 * 60;
    /** The median of this many previous block times is the floor for the next one (time-too-old). */
    public static final int MEDIAN_TIME_SPAN = 11;
    /** Regtest halves the subsidy every 150 blocks (mainnet: 210,000). */
    public static final int SUBSIDY_HALVING_INTERVAL = 150;
    public static final long INITIAL_SUBSIDY = 50L * 100_000_000L;
    /** Regtest's proof-of-work limit: no block target may be easier ({@code powLimit}, bits 0x207fffff). */
    public static final int REGTEST_BITS = 0x207fffff;
    public static final BigInteger POW_LIMIT = Target.fromBits(REGTEST_BITS).value();
    /** Lock times below this are heights, above it Unix times. */
    public static final long LOCKTIME_THRESHOLD = 500_000_000L;
    /** BIP34/65/66 are active from height 1 on regtest: a block version below 4 is rejected. */
    public static final int MIN_BLOCK_VERSION = 4;

    private ConsensusLimits() {}
}
