package org.tbg.pool.difficulty;

/**
 * A connection's difficulty moving, to be sent with its next job (and to the event pipeline as
 * {@code diff_updated}).
 *
 * @param from           the difficulty until now
 * @param to             the new difficulty, already within the connection's bounds
 * @param sharesPerSecond the share rate measured at {@code from}; 0 when there is no estimate (idle, or
 *                       a change the miner or the pool asked for before any share)
 */
public record DifficultyChange(double from, double to, double sharesPerSecond) {

    public boolean up() {
        return to > from;
    }
}
