package org.tbg.collector;

import java.time.Duration;
import java.util.Objects;
import org.tbg.collector.postgres.Retention;

/**
 * How the collector stores events (spec/storage.md). URLs may hold credentials: never log them.
 *
 * @param databaseUrl         {@code postgresql://user:password@host:port/db}
 * @param redisUrl            {@code redis://…}
 * @param batchSize           events per batch at most ({@code batch_size}, 5,000)
 * @param batchWait           a batch is written once this long has passed even if not full (1 s)
 * @param retention           days kept of {@code mining_events} (30) and {@code shares} (90)
 * @param partitionDaysAhead  partitions exist for today and this many days ahead (3)
 * @param redisDedupeTtl      how long Redis remembers an appended event's id (1 h); also the age beyond
 *                            which an event the database already had is not appended again (a replay)
 * @param streamMaxLen        approximate length of each {@code mining:<event>} stream (100,000)
 * @param maintenanceInterval how often partitions are created ahead and retention runs (1 h)
 */
public record CollectorSettings(
        String databaseUrl,
        String redisUrl,
        int batchSize,
        Duration batchWait,
        Retention retention,
        int partitionDaysAhead,
        Duration redisDedupeTtl,
        long streamMaxLen,
        Duration maintenanceInterval) {

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    public static final int MAX_BATCH_SIZE = 100_000;
    public static final Duration DEFAULT_BATCH_WAIT = Duration.ofSeconds(1);
    public static final int DEFAULT_DAYS_AHEAD = 3;
    public static final Duration DEFAULT_DEDUPE_TTL = Duration.ofHours(1);
    public static final long DEFAULT_STREAM_MAXLEN = 100_000;
    public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofHours(1);

    public CollectorSettings {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(retention, "retention");
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be from 1 to " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        if (batchWait.toMillis() < 10 || batchWait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("batch wait must be from 10 ms to 1 min, got " + batchWait);
        }
        if (partitionDaysAhead < 2) {
            throw new IllegalArgumentException("partitions must be created at least 2 days ahead, got " + partitionDaysAhead);
        }
        if (redisDedupeTtl.toSeconds() < 1 || redisDedupeTtl.compareTo(Duration.ofDays(retention.eventsDays())) >= 0) {
            throw new IllegalArgumentException("Redis dedupe TTL must be at least 1 s and shorter than the events retention, got "
                    + redisDedupeTtl);
        }
        if (streamMaxLen < 1) {
            throw new IllegalArgumentException("stream MAXLEN must be at least 1, got " + streamMaxLen);
        }
        if (maintenanceInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("maintenance interval must be at least 1 s, got " + maintenanceInterval);
        }
    }

    public static CollectorSettings defaults(String databaseUrl, String redisUrl) {
        return new CollectorSettings(databaseUrl, redisUrl, DEFAULT_BATCH_SIZE, DEFAULT_BATCH_WAIT, Retention.DEFAULT,
                DEFAULT_DAYS_AHEAD, DEFAULT_DEDUPE_TTL, DEFAULT_STREAM_MAXLEN, DEFAULT_MAINTENANCE_INTERVAL);
    }

    public CollectorSettings withBatchSize(int n) {
        return new CollectorSettings(databaseUrl, redisUrl, n, batchWait, retention, partitionDaysAhead, redisDedupeTtl,
                streamMaxLen, maintenanceInterval);
    }

    public CollectorSettings withBatchWait(Duration d) {
        return new CollectorSettings(databaseUrl, redisUrl, batchSize, d, retention, partitionDaysAhead, redisDedupeTtl,
                streamMaxLen, maintenanceInterval);
    }

    public CollectorSettings withRetention(Retention r) {
        return new CollectorSettings(databaseUrl, redisUrl, batchSize, batchWait, r, partitionDaysAhead, redisDedupeTtl,
                streamMaxLen, maintenanceInterval);
    }

    public CollectorSettings withRedisDedupeTtl(Duration ttl) {
        return new CollectorSettings(databaseUrl, redisUrl, batchSize, batchWait, retention, partitionDaysAhead, ttl,
                streamMaxLen, maintenanceInterval);
    }

    public CollectorSettings withStreamMaxLen(long n) {
        return new CollectorSettings(databaseUrl, redisUrl, batchSize, batchWait, retention, partitionDaysAhead,
                redisDedupeTtl, n, maintenanceInterval);
    }
}
