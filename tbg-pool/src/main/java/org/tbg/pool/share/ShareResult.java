package org.tbg.pool.share;

import org.tbg.pool.block.FoundBlock;
import org.tbg.pool.session.Worker;
import org.tbg.pool.work.Job;
import org.tbg.stratum.message.StratumError;

/**
 * The verdict on one {@code mining.submit}.
 *
 * @param error      null when accepted, else the stratum error to reply with
 * @param reason     the reject reason sent to the miner (null when accepted)
 * @param worker     the submitting worker, when known
 * @param job        the job named, when known
 * @param shareDiff  difficulty the hash achieved (0 when not computed)
 * @param targetDiff difficulty the job was issued at for this session (0 when not known)
 * @param block      the block to submit when the hash met the network target (even if the share was stale), else null
 * @param hash       the share's header hash (internal order) when computed, else null; it is the
 *                   validating thread's reused buffer: read it before the next share on that thread
 */
public record ShareResult(StratumError error, String reason, Worker worker, Job job, double shareDiff,
                          double targetDiff, FoundBlock block, byte[] hash) {

    /** The reason given for a share on a job of a previous block (metrics count these apart). */
    public static final String STALE = "Stale";

    public boolean accepted() {
        return error == null;
    }

    /** Refused before validation (not subscribed, not authorized): the error's own text is the reason. */
    public static ShareResult refused(StratumError e) {
        return new ShareResult(e, e.text(), null, null, 0, 0, null, null);
    }

    static ShareResult reject(StratumError e, String reason, Worker w, Job j, double shareDiff, double targetDiff) {
        return new ShareResult(e, reason, w, j, shareDiff, targetDiff, null, null);
    }
}
