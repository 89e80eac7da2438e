package org.tbg.collector;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.collector.postgres.PostgresEventWriter;
import org.tbg.collector.postgres.PostgresWriteResult;
import org.tbg.collector.redis.RedisEventWriter;
import org.tbg.collector.redis.RedisWriteResult;
import org.tbg.collector.source.EventSource;
import org.tbg.collector.source.SourceBatch;

/**
 * One source's loop: fetch a batch, decode it, write the good events to PostgreSQL (one
 * transaction) and then to Redis, and only when both succeeded ack the batch. A failed write is
 * retried with {@link Backoff} — the same batch, nothing more fetched meanwhile, so memory stays at
 * one batch — and the source is told the batch is still in work ({@link SourceBatch#keepAlive}).
 * Once the database took a batch, a Redis retry does not write it to the database again.
 *
 * <p>Redis gets every event younger than the dedupe TTL (its seen-markers catch repeats) and the
 * older ones only when the database had not stored them before: a replay days later adds nothing
 * twice to the live streams, and still backfills what was missing.
 *
 * <p>Runs on its own thread; {@link #stop} makes it finish the write in progress and leave a batch
 * that is waiting for a retry unacked (the source redelivers it).
 */
public final class BatchPipeline implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(BatchPipeline.class);

    private final EventSource source;
    private final BatchDecoder decoder;
    private final PostgresEventWriter postgres;
    private final RedisEventWriter redis;
    private final DependencyStatus database;
    private final DependencyStatus redisStatus;
    private final CollectorMetrics metrics;
    private final CollectorMetrics.Lag lag;
    private final CollectorTotals totals;
    private final int batchSize;
    private final Duration batchWait;
    private final Duration redisDedupeTtl;
    private final Clock clock;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile RuntimeException failure;
    private volatile boolean ackFailureLogged;

    public BatchPipeline(EventSource source, BatchDecoder decoder, PostgresEventWriter postgres, RedisEventWriter redis,
                         DependencyStatus database, DependencyStatus redisStatus, CollectorMetrics metrics,
                         CollectorTotals totals, CollectorSettings settings, Clock clock) {
        this.source = source;
        this.decoder = decoder;
        this.postgres = postgres;
        this.redis = redis;
        this.database = database;
        this.redisStatus = redisStatus;
        this.metrics = metrics;
        this.lag = metrics.newLag();
        this.totals = totals;
        this.batchSize = settings.batchSize();
        this.batchWait = settings.batchWait();
        this.redisDedupeTtl = settings.redisDedupeTtl();
        this.clock = clock;
    }

    @Override
    public void run() {
        log.info("collecting from {}", source.describe());
        try {
            while (!stopping()) {
                SourceBatch batch = source.fetch(batchSize, batchWait);
                if (batch == null) {
                    log.info("{} ended", source.describe());
                    break;
                }
                if (!batch.messages().isEmpty()) {
                    process(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            log.error("stopped collecting from {}: {}", source.describe(), Failures.oneLine(e), e);
        } finally {
            finished.countDown();
        }
    }

    /** Asks the loop to stop after the write in progress; returns at once. */
    public void stop() {
        stopSignal.countDown();
    }

    /** Waits until the loop has ended (stopped, source ended, or failed). */
    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the loop ended early (an unreadable journal), or null. */
    public RuntimeException failure() {
        return failure;
    }

    void process(SourceBatch batch) throws InterruptedException {
        List<CollectedEvent> events = decoder.decode(batch);
        if (!events.isEmpty()) {
            long oldest = Long.MAX_VALUE;
            long newest = Long.MIN_VALUE;
            for (CollectedEvent e : events) {
                oldest = Math.min(oldest, e.event().tsMicros());
                newest = Math.max(newest, e.event().tsMicros());
            }
            lag.pending(oldest);
            if (!store(batch, events)) {
                lag.abandoned();
                return; // stopping: left unacked
            }
            lag.stored(newest);
        }
        try {
            batch.ack();
        } catch (RuntimeException e) {
            // the events are stored; a redelivery will be recognised as duplicates
            if (!ackFailureLogged) {
                ackFailureLogged = true;
                log.warn("ack to {} failed ({}); the batch will be redelivered and ignored as duplicates",
                        source.describe(), Failures.oneLine(e));
            }
            return;
        }
        ackFailureLogged = false;
    }

    /** Writes until both stores took the batch; false when asked to stop before that. */
    private boolean store(SourceBatch batch, List<CollectedEvent> events) throws InterruptedException {
        Backoff backoff = new Backoff();
        PostgresWriteResult stored = null;
        double postgresSeconds = 0;
        Instant redisCutoff = null;
        while (true) {
            if (stored == null) {
                redisCutoff = clock.instant().minus(redisDedupeTtl);
                long t0 = System.nanoTime();
                try {
                    stored = postgres.write(events, redisCutoff);
                } catch (SQLException | RuntimeException e) {
                    database.failed(e);
                    metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.FAILED, events.size());
                    if (!pause(batch, backoff)) {
                        return false;
                    }
                    continue;
                }
                postgresSeconds = (System.nanoTime() - t0) / 1e9;
                database.succeeded();
                metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.STORED, stored.stored());
                metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.DUPLICATE, stored.duplicates());
                metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.EXPIRED, stored.expired());
                totals.stored(stored.stored());
                totals.duplicates(stored.duplicates());
                totals.expired(stored.expired());
            }
            List<CollectedEvent> forRedis = forRedis(events, stored, redisCutoff);
            long t0 = System.nanoTime();
            RedisWriteResult streamed;
            try {
                streamed = redis.write(forRedis);
            } catch (RuntimeException e) {
                redisStatus.failed(e);
                metrics.count(CollectorMetrics.SINK_REDIS, CollectorMetrics.FAILED, forRedis.size());
                if (!pause(batch, backoff)) {
                    return false;
                }
                continue;
            }
            redisStatus.succeeded();
            metrics.count(CollectorMetrics.SINK_REDIS, CollectorMetrics.STORED, streamed.appended());
            metrics.count(CollectorMetrics.SINK_REDIS, CollectorMetrics.DUPLICATE,
                    streamed.duplicates() + events.size() - forRedis.size());
            totals.streamed(streamed.appended());
            metrics.batchWritten(postgresSeconds + (System.nanoTime() - t0) / 1e9);
            return true;
        }
    }

    /** Events younger than the cutoff, and older ones the database had not stored before. */
    private static List<CollectedEvent> forRedis(List<CollectedEvent> events, PostgresWriteResult stored, Instant cutoff) {
        long cutoffMicros = Math.multiplyExact(cutoff.toEpochMilli(), 1_000L);
        List<CollectedEvent> out = new ArrayList<>(events.size());
        for (CollectedEvent e : events) {
            if (e.event().tsMicros() >= cutoffMicros || stored.oldStoredIds().contains(e.event().eventId())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Waits the next backoff delay, keeping the batch alive; false when asked to stop. */
    private boolean pause(SourceBatch batch, Backoff backoff) throws InterruptedException {
        if (stopping()) {
            return false;
        }
        keepAlive(batch);
        return !stopSignal.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void keepAlive(SourceBatch batch) {
        try {
            batch.keepAlive();
        } catch (RuntimeException e) {
            log.debug("keep-alive failed", e); // the source may redeliver; the writes are idempotent
        }
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }
}
