package org.tbg.pool.it;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;

/**
 * A share a test ground itself for a {@code mining.notify}, its header built as spec/stratum.md
 * lays it out: coinbase = coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2;
 * merkle root = SHA-256d(coinbase) folded up the branch; header = version ‖ prevhash ‖ root ‖
 * ntime ‖ nbits ‖ nonce, the 32-bit fields little-endian (version = job version with the rolled bits
 * in place, when rolling); hash = SHA-256d(header).
 *
 * @param versionBitsHex the submit's sixth param, or null without version rolling
 * @param header the 80-byte header
 * @param hash   its hash, internal byte order
 */
record GroundShare(NotifyJob job, String extranonce2Hex, String ntimeHex, String nonceHex, String versionBitsHex,
                   byte[] header, byte[] hash) {

    /**
     * Scans nonces from 0 for the first header whose hash satisfies {@code wanted}, at the job's ntime.
     *
     * @throws AssertionError when none of {@code maxNonces} nonces does
     */
    static GroundShare find(NotifyJob job, byte[] extranonce1, byte[] extranonce2, Predicate<byte[]> wanted, long maxNonces) {
        return find(job, extranonce1, extranonce2, wanted, maxNonces, 0, 0);
    }

    /** As {@link #find(NotifyJob, byte[], byte[], Predicate, long)}, with {@code versionBits} rolled within {@code mask}. */
    static GroundShare find(NotifyJob job, byte[] extranonce1, byte[] extranonce2, Predicate<byte[]> wanted, long maxNonces,
                            int versionBits, int mask) {
        byte[] coinbase = Bytes.concat(Hex.decode(job.coinb1()), extranonce1, extranonce2, Hex.decode(job.coinb2()));
        List<byte[]> branch = new ArrayList<>();
        for (String h : job.merkleBranch()) {
            branch.add(Hex.decode(h));
        }
        byte[] root = Merkle.rootFromBranch(Sha256d.of(coinbase), branch);
        int ntime = parse32(job.ntime());
        byte[] header = new byte[80];
        Bytes.writeInt32LE((parse32(job.version()) & ~mask) | (versionBits & mask), header, 0);
        System.arraycopy(PrevHash.fromStratum(job.prevHash()), 0, header, 4, 32);
        System.arraycopy(root, 0, header, 36, 32);
        Bytes.writeInt32LE(ntime, header, 68);
        Bytes.writeInt32LE(parse32(job.nbits()), header, 72);
        Sha256d sha = new Sha256d();
        byte[] hash = new byte[32];
        for (long nonce = 0; nonce < maxNonces; nonce++) {
            Bytes.writeInt32LE((int) nonce, header, 76);
            sha.hash(header, 0, 80, hash, 0);
            if (wanted.test(hash)) {
                return new GroundShare(job, Hex.encode(extranonce2), job.ntime(), hex32((int) nonce),
                        mask == 0 ? null : hex32(versionBits), header.clone(), hash.clone());
            }
        }
        throw new AssertionError("no nonce of " + maxNonces + " gave the wanted hash for job " + job.jobId());
    }

    /** The job's network target (from nbits). */
    static Target networkTarget(NotifyJob job) {
        return Target.fromBits(Long.parseLong(job.nbits(), 16));
    }

    /** An extranonce2 of {@code size} bytes holding {@code n} big-endian. */
    static byte[] extranonce2(long n, int size) {
        byte[] b = new byte[size];
        for (int i = size - 1; i >= 0; i--, n >>>= 8) {
            b[i] = (byte) n;
        }
        return b;
    }

    /** {@code mining.submit} params: worker, job_id, extranonce2, ntime, nonce[, version_bits]. */
    List<Object> submitParams(String worker) {
        return versionBitsHex == null
                ? List.of(worker, job.jobId(), extranonce2Hex, ntimeHex, nonceHex)
                : List.of(worker, job.jobId(), extranonce2Hex, ntimeHex, nonceHex, versionBitsHex);
    }

    /** Block hash in display (RPC) order. */
    String blockHashHex() {
        return Hex.encode(Bytes.reversed(hash));
    }

    private static int parse32(String hex) {
        return (int) Long.parseLong(hex, 16);
    }

    /** Big-endian hex of a 32-bit value, the stratum form of nonce and ntime. */
    static String hex32(int v) {
        return String.format("%08x", v);
    }
}
