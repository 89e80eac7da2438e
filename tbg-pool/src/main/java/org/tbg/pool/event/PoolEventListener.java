package org.tbg.pool.event;

import org.tbg.pool.block.SubmitOutcome;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.share.ShareResult;
import org.tbg.pool.stats.RecordBreak;
import org.tbg.pool.work.Job;

/**
 * Where the engine reports what happened, one call per fact (spec/events.md). The event pipeline
 * implements it; the engine knows nothing of queues, journals or NATS.
 *
 * <p>Thread rule: called on the connection's event loop (shares, connections, difficulty, records),
 * on the template thread (new network blocks) or on a submit thread (block outcomes). Implementations
 * must return at once: hand the fact to a bounded queue, never do I/O here.
 */
public interface PoolEventListener {
    PoolEventListener NONE = new PoolEventListener() { };

    /** A worker authorized on a connection. */
    default void minerConnected(Session session, Worker worker) { }

    /** A connection with at least one authorized worker ended; {@code reason} as in spec/events.md. */
    default void minerDisconnected(Session session, String reason) { }

    /** Every {@code mining.submit}, accepted or not. */
    default void shareSubmitted(Session session, String username, String jobId, ShareResult result) { }

    /** A share beat a best; {@code shareHash} is the display-order hash of that share. */
    default void bestDifficulty(Session session, Worker worker, RecordBreak record, String shareHash) { }

    /** A connection's difficulty changes from the next job on. */
    default void difficultyChanged(Session session, double oldDiff, double newDiff, String reason, double shareRate) { }

    /** The first share of a session with rolled version bits. */
    default void asicBoostDetected(Session session, int poolMask, int minerMask) { }

    /** The verdict on a found block. */
    default void blockFound(SubmitOutcome outcome) { }

    /** Work moved to a new chain tip. */
    default void newNetworkBlock(Job job) { }
}
