package org.tbg.pool.stats;

/**
 * A share beat a best difficulty: the facts of one {@code share_best_diff} event.
 *
 * @param holder       whose record it was
 * @param scope        which record
 * @param newBest      the share's difficulty, now the record
 * @param previousBest the record it beat; 0 when there was none in that scope (first share of the
 *                     connection, of the week, ever)
 */
public record RecordBreak(RecordHolder holder, RecordScope scope, double newBest, double previousBest) {
}
