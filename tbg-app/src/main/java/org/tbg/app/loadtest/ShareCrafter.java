package org.tbg.app.loadtest;

import java.util.Optional;
import java.util.random.RandomGenerator;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.work.StratumWork;

/**
 * Makes the shares simulated miners submit. Stateless; the hasher is per thread, so any thread may call.
 *
 * <p>Cheap shares are random headers that do <em>not</em> meet the network target: on regtest
 * (nbits {@code 207fffff}) every other random header is a block, and a load of blocks would
 * measure the node's {@code submitblock}, not the pool's share path. They are almost always
 * low-difficulty rejects, which still run the pool's whole check including the hash.
 */
final class ShareCrafter {
    /** Random headers tried before sending a block anyway; on regtest 64 misses in a row have odds 2^-64. */
    static final int BLOCK_AVOIDANCE_TRIES = 64;

    private static final ThreadLocal<Sha256d> HASHER = ThreadLocal.withInitial(Sha256d::new);

    private ShareCrafter() {}

    /** A random share whose hash misses the network target (see the class comment). */
    static CraftedShare belowNetworkTarget(StratumWork job, RandomGenerator random) {
        byte[] extranonce2 = randomBytes(job.extranonce2Size(), random);
        byte[] header = job.header(extranonce2);
        byte[] hash = new byte[32];
        Sha256d sha = HASHER.get();
        int nonce = 0;
        for (int i = 0; i < BLOCK_AVOIDANCE_TRIES; i++) {
            nonce = random.nextInt();
            Bytes.writeInt32LE(nonce, header, StratumWork.NONCE_OFFSET);
            sha.hash(header, 0, header.length, hash, 0);
            if (!job.networkTarget().isMetBy(hash)) {
                break;
            }
        }
        return share(job, extranonce2, nonce);
    }

    /**
     * A share whose hash meets {@code target}, looking at no more than {@code maxHashes} nonces
     * from a random start under one random extranonce2; empty when none was found in that budget.
     */
    static Optional<CraftedShare> meeting(StratumWork job, Target target, long maxHashes, RandomGenerator random) {
        byte[] extranonce2 = randomBytes(job.extranonce2Size(), random);
        byte[] header = job.header(extranonce2);
        byte[] hash = new byte[32];
        Sha256d sha = HASHER.get();
        int nonce = random.nextInt();
        for (long i = 0; i < maxHashes; i++, nonce++) {
            Bytes.writeInt32LE(nonce, header, StratumWork.NONCE_OFFSET);
            sha.hash(header, 0, header.length, hash, 0);
            if (target.isMetBy(hash)) {
                return Optional.of(share(job, extranonce2, nonce));
            }
        }
        return Optional.empty();
    }

    private static CraftedShare share(StratumWork job, byte[] extranonce2, int nonce) {
        byte[] be = new byte[4];
        Bytes.writeInt32BE(nonce, be, 0);
        return new CraftedShare(job.notifyJob().jobId(), Hex.encode(extranonce2), job.notifyJob().ntime(), Hex.encode(be));
    }

    private static byte[] randomBytes(int n, RandomGenerator random) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
