package org.tbg.stratum.miner;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.work.StratumWork;

/**
 * A notify bound to the session's extranonce ({@link StratumWork}, which builds the headers), plus
 * the share difficulty and the version mask.
 *
 * <p>Work is handed out in {@link WorkUnit}s from a counter shared by every thread and by the
 * copies {@link #withDifficulty} makes, so no two units of one notify overlap. A unit number maps
 * to (extranonce2, version bits) with the version bits varying fastest, as ASICs roll them.
 * Immutable apart from those shared counters; safe to share between threads.
 */
final class MiningJob {
    /** ntime is rolled forward with the clock, but never further than this past the job's ntime. */
    static final int MAX_NTIME_ROLL_SECONDS = 3600;

    private final StratumWork work;
    private final MinerSession session;
    private final int versionMask;
    private final int versionBitCount;
    private final double difficulty;
    private final Target shareTarget;
    private final long cleanGeneration;
    private final long receivedNanos;
    private final AtomicLong nextUnit;
    private final AtomicBoolean blockCandidateClaimed;

    private MiningJob(MiningJob base, double difficulty) {
        this.work = base.work;
        this.session = base.session;
        this.versionMask = base.versionMask;
        this.versionBitCount = base.versionBitCount;
        this.difficulty = difficulty;
        this.shareTarget = Difficulty.targetFor(difficulty);
        this.cleanGeneration = base.cleanGeneration;
        this.receivedNanos = base.receivedNanos;
        this.nextUnit = base.nextUnit;
        this.blockCandidateClaimed = base.blockCandidateClaimed;
    }

    MiningJob(NotifyJob notify, MinerSession session, byte[] extranonce1, int extranonce2Size, int versionMask,
              double difficulty, long cleanGeneration) {
        this.work = new StratumWork(notify, extranonce1, extranonce2Size);
        this.session = session;
        this.versionMask = versionMask;
        this.versionBitCount = Integer.bitCount(versionMask);
        this.difficulty = difficulty;
        this.shareTarget = Difficulty.targetFor(difficulty);
        this.cleanGeneration = cleanGeneration;
        this.receivedNanos = System.nanoTime();
        this.nextUnit = new AtomicLong();
        this.blockCandidateClaimed = new AtomicBoolean();
    }

    /** The same work judged at another difficulty; shares this job's unit counter. */
    MiningJob withDifficulty(double newDifficulty) {
        return new MiningJob(this, newDifficulty);
    }

    /** The next unused nonce space, with ntime rolled forward by the job's age. */
    WorkUnit nextUnit() {
        long unit = nextUnit.getAndIncrement();
        int versionBits = versionBitCount == 0 ? 0 : depositIntoMask(unit & ((1L << versionBitCount) - 1), versionMask);
        long en2Counter = unit >>> versionBitCount;
        int extranonce2Size = work.extranonce2Size();
        byte[] extranonce2 = new byte[extranonce2Size];
        for (int i = extranonce2Size - 1; i >= 0 && en2Counter != 0; i--) {
            extranonce2[i] = (byte) en2Counter; // big-endian counter, wrapping in small extranonce2 sizes
            en2Counter >>>= 8;
        }
        long age = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - receivedNanos);
        int rolledNtime = work.ntime() + (int) Math.min(age, MAX_NTIME_ROLL_SECONDS);
        return new WorkUnit(extranonce2, versionBits, rolledNtime);
    }

    /** coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2 */
    byte[] coinbase(byte[] extranonce2) {
        return work.coinbase(extranonce2);
    }

    /** The 80-byte header of {@code unit} with nonce 0. */
    byte[] header(WorkUnit unit) {
        return work.header(unit.extranonce2(), headerVersion(unit.versionBits()), unit.ntime());
    }

    /** Job version with the masked bits replaced, as the pool computes it (BIP310). */
    int headerVersion(int versionBits) {
        return (work.version() & ~versionMask) | (versionBits & versionMask);
    }

    /**
     * True for the first caller per notify: on regtest almost every hash meets the network target,
     * and one block candidate per job is all that can win.
     */
    boolean claimBlockCandidate() {
        return !blockCandidateClaimed.get() && blockCandidateClaimed.compareAndSet(false, true);
    }

    /** Spreads the low bits of {@code value} over the set bits of {@code mask}, lowest first. */
    static int depositIntoMask(long value, int mask) {
        int out = 0;
        for (int m = mask; m != 0; m &= m - 1) {
            int lowest = m & -m;
            if ((value & 1) != 0) {
                out |= lowest;
            }
            value >>>= 1;
        }
        return out;
    }

    NotifyJob notifyJob() {
        return work.notifyJob();
    }

    MinerSession session() {
        return session;
    }

    int versionMask() {
        return versionMask;
    }

    double difficulty() {
        return difficulty;
    }

    Target shareTarget() {
        return shareTarget;
    }

    Target networkTarget() {
        return work.networkTarget();
    }

    long cleanGeneration() {
        return cleanGeneration;
    }
}
