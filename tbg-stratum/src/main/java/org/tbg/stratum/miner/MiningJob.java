package org.tbg.stratum.miner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;

/**
 * A notify decoded into header parts, plus what the session adds (extranonce1, extranonce2 size,
 * share difficulty, version mask). Header conventions are in {@link CpuMiner}.
 *
 * <p>Work is handed out in {@link WorkUnit}s from a counter shared by every thread and by the
 * copies {@link #withDifficulty} makes, so no two units of one notify overlap. A unit number maps
 * to (extranonce2, version bits) with the version bits varying fastest, as ASICs roll them.
 * Immutable apart from those shared counters; safe to share between threads.
 */
final class MiningJob {
    /** ntime is rolled forward with the clock, but never further than this past the job's ntime. */
    static final int MAX_NTIME_ROLL_SECONDS = 3600;
    private static final int HEADER_SIZE = 80;

    private final NotifyJob notify;
    private final MinerSession session;
    private final byte[] coinb1;
    private final byte[] extranonce1;
    private final int extranonce2Size;
    private final byte[] coinb2;
    private final List<byte[]> branch;
    private final byte[] prevHash;
    private final int version;
    private final int nbits;
    private final int ntime;
    private final int versionMask;
    private final int versionBitCount;
    private final double difficulty;
    private final Target shareTarget;
    private final Target networkTarget;
    private final long cleanGeneration;
    private final long receivedNanos;
    private final AtomicLong nextUnit;
    private final AtomicBoolean blockCandidateClaimed;

    private MiningJob(MiningJob base, double difficulty) {
        this.notify = base.notify;
        this.session = base.session;
        this.coinb1 = base.coinb1;
        this.extranonce1 = base.extranonce1;
        this.extranonce2Size = base.extranonce2Size;
        this.coinb2 = base.coinb2;
        this.branch = base.branch;
        this.prevHash = base.prevHash;
        this.version = base.version;
        this.nbits = base.nbits;
        this.ntime = base.ntime;
        this.versionMask = base.versionMask;
        this.versionBitCount = base.versionBitCount;
        this.difficulty = difficulty;
        this.shareTarget = Difficulty.targetFor(difficulty);
        this.networkTarget = base.networkTarget;
        this.cleanGeneration = base.cleanGeneration;
        this.receivedNanos = base.receivedNanos;
        this.nextUnit = base.nextUnit;
        this.blockCandidateClaimed = base.blockCandidateClaimed;
    }

    MiningJob(NotifyJob notify, MinerSession session, byte[] extranonce1, int extranonce2Size, int versionMask,
              double difficulty, long cleanGeneration) {
        if (extranonce2Size < 1 || extranonce2Size > 16) {
            throw new IllegalArgumentException("extranonce2 size out of range: " + extranonce2Size);
        }
        this.notify = notify;
        this.session = session;
        this.coinb1 = Hex.decode(notify.coinb1());
        this.extranonce1 = extranonce1.clone();
        this.extranonce2Size = extranonce2Size;
        this.coinb2 = Hex.decode(notify.coinb2());
        List<byte[]> b = new ArrayList<>(notify.merkleBranch().size());
        for (String h : notify.merkleBranch()) {
            b.add(Hex.decode(h)); // already internal order, as sent
        }
        this.branch = List.copyOf(b);
        this.prevHash = PrevHash.fromStratum(notify.prevHash());
        this.version = (int) Long.parseLong(notify.version(), 16);
        this.nbits = (int) Long.parseLong(notify.nbits(), 16);
        this.ntime = (int) Long.parseLong(notify.ntime(), 16);
        this.versionMask = versionMask;
        this.versionBitCount = Integer.bitCount(versionMask);
        this.difficulty = difficulty;
        this.shareTarget = Difficulty.targetFor(difficulty);
        this.networkTarget = Target.fromBits(nbits & 0xffffffffL);
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
        byte[] extranonce2 = new byte[extranonce2Size];
        for (int i = extranonce2Size - 1; i >= 0 && en2Counter != 0; i--) {
            extranonce2[i] = (byte) en2Counter; // big-endian counter, wrapping in small extranonce2 sizes
            en2Counter >>>= 8;
        }
        long age = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - receivedNanos);
        int rolledNtime = ntime + (int) Math.min(age, MAX_NTIME_ROLL_SECONDS);
        return new WorkUnit(extranonce2, versionBits, rolledNtime);
    }

    /** coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2 */
    byte[] coinbase(byte[] extranonce2) {
        return Bytes.concat(coinb1, extranonce1, extranonce2, coinb2);
    }

    /** The 80-byte header of {@code unit} with nonce 0. */
    byte[] header(WorkUnit unit) {
        byte[] merkleRoot = Merkle.rootFromBranch(Sha256d.of(coinbase(unit.extranonce2())), branch);
        byte[] h = new byte[HEADER_SIZE];
        Bytes.writeInt32LE(headerVersion(unit.versionBits()), h, 0);
        System.arraycopy(prevHash, 0, h, 4, 32);
        System.arraycopy(merkleRoot, 0, h, 36, 32);
        Bytes.writeInt32LE(unit.ntime(), h, 68);
        Bytes.writeInt32LE(nbits, h, 72);
        return h;
    }

    /** Job version with the masked bits replaced, as the pool computes it (BIP310). */
    int headerVersion(int versionBits) {
        return (version & ~versionMask) | (versionBits & versionMask);
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
        return notify;
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
        return networkTarget;
    }

    long cleanGeneration() {
        return cleanGeneration;
    }
}
