package org.tbg.stratum.work;

import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;

/**
 * A {@code mining.notify} bound to one connection's extranonce1 and extranonce2 size: what it
 * takes to build that connection's coinbases and 80-byte block headers. Used by the CPU miner and
 * the load generator.
 *
 * <p>Conventions (Stratum V1 as ckpool and cgminer use it):
 * <ul>
 *   <li>version, nbits and ntime in the notify are big-endian hex of the 32-bit value and go
 *       little-endian into the header;</li>
 *   <li>prevhash is the header's 32 bytes with each 4-byte word reversed ({@link PrevHash});</li>
 *   <li>coinbase = coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2, extranonce2 being raw bytes whose
 *       hex is submitted as is; merkle root = SHA-256d(coinbase) folded up the branch, whose hashes
 *       are decoded from hex as is (they are in internal order);</li>
 *   <li>the nonce goes little-endian at {@link #NONCE_OFFSET}; headers are built with nonce 0.</li>
 * </ul>
 *
 * <p>Immutable and safe to share between threads. Each header is a fresh array the caller owns.
 */
public final class StratumWork {
    public static final int HEADER_SIZE = 80;
    public static final int NONCE_OFFSET = 76;
    /** ckpool's bounds are 2-8; 16 leaves room for other pools without allowing nonsense. */
    public static final int MAX_EXTRANONCE2_SIZE = 16;

    private final NotifyJob notify;
    private final byte[] coinb1;
    private final byte[] extranonce1;
    private final int extranonce2Size;
    private final byte[] coinb2;
    private final List<byte[]> branch;
    private final byte[] prevHash;
    private final int version;
    private final int nbits;
    private final int ntime;
    private final Target networkTarget;

    /**
     * @throws IllegalArgumentException when the extranonce2 size is not 1-{@value #MAX_EXTRANONCE2_SIZE}
     *         or nbits is not a usable compact target ({@link NotifyJob#fromParams} has already
     *         checked every field's hex and size)
     */
    public StratumWork(NotifyJob notify, byte[] extranonce1, int extranonce2Size) {
        if (extranonce2Size < 1 || extranonce2Size > MAX_EXTRANONCE2_SIZE) {
            throw new IllegalArgumentException("extranonce2 size out of range: " + extranonce2Size);
        }
        this.notify = notify;
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
        this.networkTarget = Target.fromBits(nbits & 0xffffffffL);
    }

    /** The notify as sent: job id, and ntime as submitted when it is not rolled. */
    public NotifyJob notifyJob() {
        return notify;
    }

    public int extranonce2Size() {
        return extranonce2Size;
    }

    /** The job's version, before any version rolling. */
    public int version() {
        return version;
    }

    /** The job's ntime, before any ntime rolling. */
    public int ntime() {
        return ntime;
    }

    /** The target a header hash must meet to be a block (from nbits). */
    public Target networkTarget() {
        return networkTarget;
    }

    /** coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2 */
    public byte[] coinbase(byte[] extranonce2) {
        if (extranonce2.length != extranonce2Size) {
            throw new IllegalArgumentException("extranonce2 is " + extranonce2.length + " bytes, the pool asked for " + extranonce2Size);
        }
        return Bytes.concat(coinb1, extranonce1, extranonce2, coinb2);
    }

    /** A fresh header for {@code extranonce2} with the job's own version and ntime, nonce 0. */
    public byte[] header(byte[] extranonce2) {
        return header(extranonce2, version, ntime);
    }

    /** A fresh header for {@code extranonce2} with a rolled version and ntime, nonce 0. */
    public byte[] header(byte[] extranonce2, int headerVersion, int headerNtime) {
        byte[] merkleRoot = Merkle.rootFromBranch(Sha256d.of(coinbase(extranonce2)), branch);
        byte[] h = new byte[HEADER_SIZE];
        Bytes.writeInt32LE(headerVersion, h, 0);
        System.arraycopy(prevHash, 0, h, 4, 32);
        System.arraycopy(merkleRoot, 0, h, 36, 32);
        Bytes.writeInt32LE(headerNtime, h, 68);
        Bytes.writeInt32LE(nbits, h, 72);
        return h;
    }
}
