package org.tbg.app.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;

/**
 * A {@code mining.submit} a test made on purpose: the first nonce whose header hash is what the
 * test wants (a share, a block, a miss). The header is built as spec/stratum.md lays it out:
 * coinbase = coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2, merkle root folded up the branch,
 * header = version ‖ prevhash ‖ root ‖ ntime ‖ nbits ‖ nonce with the 32-bit fields little-endian.
 *
 * @param nonceHex big-endian hex of the nonce, as stratum sends it
 * @param hash     the header hash, internal byte order
 */
record ScriptedShare(String jobId, String extranonce2Hex, String ntimeHex, String nonceHex, byte[] hash) {

    /** {@code [worker, job_id, extranonce2, ntime, nonce]} */
    Object[] params(String worker) {
        return new Object[] {worker, jobId, extranonce2Hex, ntimeHex, nonceHex};
    }

    /**
     * Scans nonces from 0 at the job's own ntime.
     *
     * @throws AssertionError when none of {@code maxNonces} nonces gives a wanted hash
     */
    static ScriptedShare grind(NotifyJob job, byte[] extranonce1, byte[] extranonce2, Predicate<byte[]> wanted, long maxNonces) {
        byte[] coinbase = Bytes.concat(Hex.decode(job.coinb1()), extranonce1, extranonce2, Hex.decode(job.coinb2()));
        List<byte[]> branch = new ArrayList<>();
        job.merkleBranch().forEach(h -> branch.add(Hex.decode(h)));
        byte[] header = new byte[80];
        Bytes.writeInt32LE(parse32(job.version()), header, 0);
        System.arraycopy(PrevHash.fromStratum(job.prevHash()), 0, header, 4, 32);
        System.arraycopy(Merkle.rootFromBranch(Sha256d.of(coinbase), branch), 0, header, 36, 32);
        Bytes.writeInt32LE(parse32(job.ntime()), header, 68);
        Bytes.writeInt32LE(parse32(job.nbits()), header, 72);
        Sha256d sha = new Sha256d();
        byte[] hash = new byte[32];
        for (long nonce = 0; nonce < maxNonces; nonce++) {
            Bytes.writeInt32LE((int) nonce, header, 76);
            sha.hash(header, 0, 80, hash, 0);
            if (wanted.test(hash)) {
                return new ScriptedShare(job.jobId(), Hex.encode(extranonce2), job.ntime(),
                        String.format("%08x", (int) nonce), hash.clone());
            }
        }
        throw new AssertionError("no nonce of " + maxNonces + " gave the wanted hash on job " + job.jobId());
    }

    /** {@code size} bytes holding {@code n} big-endian: a distinct extranonce2 per share. */
    static byte[] extranonce2(long n, int size) {
        byte[] b = new byte[size];
        for (int i = size - 1; i >= 0; i--, n >>>= 8) {
            b[i] = (byte) n;
        }
        return b;
    }

    private static int parse32(String hex) {
        return (int) Long.parseLong(hex, 16);
    }
}
