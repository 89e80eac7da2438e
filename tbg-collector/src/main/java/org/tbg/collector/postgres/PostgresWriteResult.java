package org.tbg.collector.postgres;

import java.util.Set;
import java.util.UUID;

/**
 * What one batch did to the database.
 *
 * @param stored           events inserted into {@code mining_events}
 * @param duplicates       events already there
 * @param expired          events older than the {@code mining_events} retention, not inserted
 * @param shares           rows inserted into {@code shares}
 * @param blocks           rows inserted into {@code blocks}
 * @param oldStoredIds     the inserted events older than the cutoff the writer was given
 */
public record PostgresWriteResult(long stored, long duplicates, long expired, long shares, long blocks,
                                  Set<UUID> oldStoredIds) {
}
