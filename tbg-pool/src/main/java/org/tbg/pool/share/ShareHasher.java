package org.tbg.pool.share;

import java.util.List;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.pool.work.CoinbaseWork;
import org.tbg.pool.work.Job;

/**
 * Rebuilds a submitted share's block header and hashes it: coinbase (coinb1 ‖ extranonce1 ‖
 * extranonce2 ‖ coinb2) → txid → merkle root up the job's branch → header → SHA-256d.
 * Reuses its buffers, so the share path allocates nothing here. Thread rule: one per thread.
 */
public final class ShareHasher {
    private final Sha256d sha = new Sha256d();
    private final byte[] header = new byte[80];
    private final byte[] node = new byte[32];
    private final byte[] hash = new byte[32];
    private byte[] coinbase = new byte[512];

    /**
     * Hashes the share; {@code extranonce2Hex} must already be checked to be hex of the right length.
     * @return this hasher's hash buffer (internal byte order), valid until the next call
     */
    public byte[] hash(Job job, CoinbaseWork work, byte[] extranonce1, CharSequence extranonce2Hex,
                       int ntime, int nonce, int version) {
        int need = work.length(extranonce1.length, extranonce2Hex.length() / 2);
        if (coinbase.length < need) {
            coinbase = new byte[Math.max(need, coinbase.length * 2)];
        }
        int len = work.writeTo(coinbase, extranonce1, extranonce2Hex);

        sha.hash(coinbase, 0, len, node, 0);
        List<byte[]> branch = job.merkleBranch();
        for (int i = 0; i < branch.size(); i++) {
            sha.hashPair(node, branch.get(i), node);
        }
        Bytes.writeInt32LE(version, header, 0);
        System.arraycopy(job.prevHash(), 0, header, 4, 32);
        System.arraycopy(node, 0, header, 36, 32);
        Bytes.writeInt32LE(ntime, header, 68);
        Bytes.writeInt32LE(job.bits(), header, 72);
        Bytes.writeInt32LE(nonce, header, 76);
        sha.hash(header, 0, 80, hash, 0);
        return hash;
    }

    /** A copy of the header built by the last {@link #hash} call. */
    public byte[] headerCopy() {
        return header.clone();
    }
}
