package org.tbg.app.loadtest;

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
 * One {@code mining.notify} decoded for one connection, ready to build headers. The conventions
 * are those of tbg-stratum's {@code CpuMiner} (Stratum V1 as ckpool and cgminer use it): version,
 * nbits and ntime arrive as big-endian hex and go little-endian into the header; prevhash arrives
 * word-swapped; coinbase = coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2; the branch hashes are in
 * internal order. Immutable and safe to share between threads.
 */
final class LoadJob {
    static final int HEADER_SIZE = 80;
    static final int NONCE_OFFSET = 76;

    private final String jobId;
    private final String ntimeHex;
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

    private LoadJob(NotifyJob notify, Subscription subscription) {
        this.jobId = notify.jobId();
        this.ntimeHex = notify.ntime();
        this.coinb1 = Hex.decode(notify.coinb1());
        this.extranonce1 = subscription.extranonce1();
        this.extranonce2Size = subscription.extranonce2Size();
        this.coinb2 = Hex.decode(notify.coinb2());
        List<byte[]> b = new ArrayList<>(notify.merkleBranch().size());
        for (String h : notify.merkleBranch()) {
            b.add(Hex.decode(h));
        }
        this.branch = List.copyOf(b);
        this.prevHash = PrevHash.fromStratum(notify.prevHash());
        this.version = (int) Long.parseLong(notify.version(), 16);
        this.nbits = (int) Long.parseLong(notify.nbits(), 16);
        this.ntime = (int) Long.parseLong(notify.ntime(), 16);
        this.networkTarget = Target.fromBits(nbits & 0xffffffffL);
    }

    /**
     * @throws IllegalArgumentException when nbits is not a usable compact target (NotifyJob has
     *         already checked every field's hex and size)
     */
    static LoadJob of(NotifyJob notify, Subscription subscription) {
        return new LoadJob(notify, subscription);
    }

    String jobId() {
        return jobId;
    }

    /** The job's ntime exactly as notify sent it; shares are submitted with it unrolled. */
    String ntimeHex() {
        return ntimeHex;
    }

    int extranonce2Size() {
        return extranonce2Size;
    }

    /** The target a hash must meet to be a block. */
    Target networkTarget() {
        return networkTarget;
    }

    /** A fresh 80-byte header for {@code extranonce2}, with nonce 0. */
    byte[] header(byte[] extranonce2) {
        byte[] coinbase = Bytes.concat(coinb1, extranonce1, extranonce2, coinb2);
        byte[] merkleRoot = Merkle.rootFromBranch(Sha256d.of(coinbase), branch);
        byte[] h = new byte[HEADER_SIZE];
        Bytes.writeInt32LE(version, h, 0);
        System.arraycopy(prevHash, 0, h, 4, 32);
        System.arraycopy(merkleRoot, 0, h, 36, 32);
        Bytes.writeInt32LE(ntime, h, 68);
        Bytes.writeInt32LE(nbits, h, 72);
        return h;
    }
}
