package org.tbg.pool.stats;

import java.util.HashMap;
import java.util.Map;
import org.tbg.pool.session.WorkerName;

/**
 * The session-scope records of one connection: the best share of each worker on it, and of the
 * connection as a whole (the user's session best: a connection mines for a single address).
 * Thread rule: confined to the connection's event loop, like its session.
 */
public final class SessionBests {
    /** One-element arrays so that raising a best does not box a new Double on every record. */
    private final Map<WorkerName, double[]> workers = new HashMap<>(2);
    private double connectionBest;

    /** The best share of {@code worker} on this connection, 0 when none. */
    public double best(WorkerName worker) {
        double[] b = workers.get(worker);
        return b == null ? 0 : b[0];
    }

    /** The best share on this connection over all its workers ({@code best_diff_session} at disconnect). */
    public double connectionBest() {
        return connectionBest;
    }

    /** @return the worker's previous best (0 when none) when {@code difficulty} beats it, else NaN */
    double raiseWorker(WorkerName worker, double difficulty) {
        double[] b = workers.computeIfAbsent(worker, w -> new double[1]);
        if (!(difficulty > b[0])) {
            return Double.NaN;
        }
        double previous = b[0];
        b[0] = difficulty;
        return previous;
    }

    /** @return the connection's previous best (0 when none) when {@code difficulty} beats it, else NaN */
    double raiseConnection(double difficulty) {
        if (!(difficulty > connectionBest)) {
            return Double.NaN;
        }
        double previous = connectionBest;
        connectionBest = difficulty;
        return previous;
    }
}
