package org.tbg.pool.share;

import com.fasterxml.jackson.databind.JsonNode;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.pool.block.FoundBlock;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.work.CoinbaseWork;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.WorkManager;
import org.tbg.stratum.message.StratumError;

/**
 * Judges {@code mining.submit} in the order spec/stratum.md lays down: well-formed, authorized,
 * known job, version bits, ntime, then the hash — block first (a block is never dropped), duplicate,
 * difficulty. Stateless apart from the per-thread hasher; callers run it on the session's event loop.
 */
public final class ShareValidator {
    /** How far past the job's ntime a miner may roll (ckpool's 7000 s). */
    static final long MAX_NTIME_ROLL_SECONDS = 7000;

    private static final ThreadLocal<ShareHasher> HASHER = ThreadLocal.withInitial(ShareHasher::new);

    private final WorkManager work;
    private final int extranonce2Length;

    public ShareValidator(WorkManager work, int extranonce2Length) {
        this.work = work;
        this.extranonce2Length = extranonce2Length;
    }

    public ShareResult validate(Session s, JsonNode params, long nowMillis) {
        // 1. shape: [worker, job_id, extranonce2, ntime, nonce, version_bits?], all strings
        int n = params.size();
        if (n < 5 || n > 6) {
            return ShareResult.reject(StratumError.OTHER, "Invalid submit: expected 5 or 6 params", null, null, 0, 0);
        }
        for (int i = 0; i < n; i++) {
            if (!params.get(i).isTextual()) {
                return ShareResult.reject(StratumError.OTHER, "Invalid submit: params must be strings", null, null, 0, 0);
            }
        }
        String username = params.get(0).asText();
        String jobId = params.get(1).asText();
        String en2 = params.get(2).asText();
        String ntimeHex = params.get(3).asText();
        String nonceHex = params.get(4).asText();
        String versionHex = n == 6 ? params.get(5).asText() : null;
        if (!Hex.isHex(en2, extranonce2Length)) {
            return ShareResult.reject(StratumError.OTHER, "Invalid extranonce2: expected " + extranonce2Length + " bytes of hex", null, null, 0, 0);
        }
        if (!Hex.isHex(ntimeHex, 4)) {
            return ShareResult.reject(StratumError.OTHER, "Invalid ntime: expected 4 bytes of hex", null, null, 0, 0);
        }
        if (!Hex.isHex(nonceHex, 4)) {
            return ShareResult.reject(StratumError.OTHER, "Invalid nonce: expected 4 bytes of hex", null, null, 0, 0);
        }
        if (versionHex != null && !Hex.isHex(versionHex, 4)) {
            return ShareResult.reject(StratumError.OTHER, "Invalid version bits: expected 4 bytes of hex", null, null, 0, 0);
        }

        // 2. worker
        Worker worker = s.worker(username);
        if (worker == null) {
            return ShareResult.reject(StratumError.UNAUTHORIZED, StratumError.UNAUTHORIZED.text(), null, null, 0, 0);
        }

        // 3. job
        Job job = work.find(jobId);
        if (job == null) {
            return ShareResult.reject(StratumError.JOB_NOT_FOUND, StratumError.JOB_NOT_FOUND.text(), worker, null, 0, 0);
        }
        boolean stale = work.isStale(job);
        double targetDiff = s.difficultyOf(jobId);
        if (Double.isNaN(targetDiff)) {
            targetDiff = s.difficulty();
        }

        // 4. version rolling within the negotiated mask
        int version = job.version();
        if (versionHex != null) {
            int bits = Integer.parseUnsignedInt(versionHex, 16);
            int mask = s.versionMask();
            if ((bits & ~mask) != 0) {
                return stale ? stale(worker, job, 0, targetDiff, null)
                        : ShareResult.reject(StratumError.OTHER, "Invalid version bits: outside the negotiated mask", worker, job, 0, targetDiff);
            }
            version = (version & ~mask) | (bits & mask);
        }

        // 5. ntime window (unsigned: ntime is a uint32)
        long ntime = Long.parseLong(ntimeHex, 16);
        if (ntime < job.minTime() || ntime > (job.ntime() & 0xffffffffL) + MAX_NTIME_ROLL_SECONDS) {
            return stale ? stale(worker, job, 0, targetDiff, null)
                    : ShareResult.reject(StratumError.OTHER, "Ntime out of range", worker, job, 0, targetDiff);
        }
        int nonce = Integer.parseUnsignedInt(nonceHex, 16);

        // 7. the hash
        ShareHasher hasher = HASHER.get();
        CoinbaseWork cb = job.coinbaseFor(s.payoutKey());
        byte[] hash = hasher.hash(job, cb, s.extranonce1(), en2, (int) ntime, nonce, version);
        double shareDiff = Difficulty.ofHash(hash);
        FoundBlock block = null;
        if (job.networkTarget().isMetBy(hash)) {
            block = FoundBlock.assemble(job, cb, s.extranonce1(), Hex.decode(en2), hasher.headerCopy(), hash.clone(), worker, shareDiff);
        }

        // 3 (continued). a stale job is answered as such, but a block on it is still submitted
        if (stale) {
            return stale(worker, job, shareDiff, targetDiff, block);
        }

        // 6. duplicate (judged on the hash: same fields, same header)
        if (!s.submitted().add(firstEightBytes(hash))) {
            return ShareResult.reject(StratumError.DUPLICATE, StratumError.DUPLICATE.text(), worker, job, shareDiff, targetDiff);
        }

        // 8. a block, whatever the share difficulty
        if (block != null) {
            return new ShareResult(null, null, worker, job, shareDiff, targetDiff, block, hash);
        }

        // 9. difficulty
        if (shareDiff < targetDiff) {
            return ShareResult.reject(StratumError.LOW_DIFFICULTY, StratumError.LOW_DIFFICULTY.text(), worker, job, shareDiff, targetDiff);
        }
        return new ShareResult(null, null, worker, job, shareDiff, targetDiff, null, hash);
    }

    private static ShareResult stale(Worker w, Job job, double shareDiff, double targetDiff, FoundBlock block) {
        return new ShareResult(StratumError.JOB_NOT_FOUND, ShareResult.STALE, w, job, shareDiff, targetDiff, block, null);
    }

    private static long firstEightBytes(byte[] h) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v;
    }
}
