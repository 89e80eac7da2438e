package org.tbg.collector;

import com.zaxxer.hikari.HikariDataSource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.collector.postgres.DatabaseUrl;
import org.tbg.collector.postgres.Migrations;
import org.tbg.collector.postgres.PartitionManager;
import org.tbg.collector.postgres.PostgresEventWriter;
import org.tbg.collector.postgres.PostgresPool;
import org.tbg.collector.redis.RedisEventWriter;
import org.tbg.collector.source.EventSource;

/**
 * The collector: event sources in, PostgreSQL and Redis out (spec/events.md "Consumers",
 * spec/storage.md). {@link #start} waits for the database (retrying with backoff), applies the
 * migrations and creates the partitions ahead; then every {@link #collect collected} source gets
 * its own {@link BatchPipeline} thread, and one maintenance thread creates partitions ahead and
 * applies retention every {@link CollectorSettings#maintenanceInterval()}.
 *
 * <p>{@link #close} stops the pipelines (a batch being written is finished and acked, one waiting
 * for a retry is left unacked), then closes sources and connections.
 */
public final class Collector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    /** How long close waits for a pipeline to finish the batch it is writing. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final CollectorSettings settings;
    private final Clock clock;
    private final CollectorMetrics metrics;
    private final CollectorTotals totals = new CollectorTotals();
    private final DependencyStatus database;
    private final DependencyStatus redisStatus;
    private final MalformedEventLog malformedLog;
    private final HikariDataSource dataSource;
    private final PartitionManager partitions;
    private final RedisEventWriter redisWriter;
    private final ScheduledExecutorService maintenance;
    private final List<BatchPipeline> pipelines = new CopyOnWriteArrayList<>();
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean started;

    public Collector(CollectorSettings settings, PrometheusRegistry registry, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = new CollectorMetrics(registry, clock);
        this.database = new DependencyStatus("database", clock);
        this.redisStatus = new DependencyStatus("redis", clock);
        this.malformedLog = new MalformedEventLog(clock);
        DatabaseUrl url = DatabaseUrl.parse(settings.databaseUrl());
        this.redisWriter = new RedisEventWriter(settings.redisUrl(), settings.redisDedupeTtl(), settings.streamMaxLen());
        this.dataSource = PostgresPool.open(url, PostgresPool.DEFAULT_SIZE);
        this.partitions = new PartitionManager(dataSource, settings.retention(), settings.partitionDaysAhead(), clock);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tbg-collector-partitions");
            t.setDaemon(true);
            return t;
        });
        log.info("collector storing into {} and redis; batches of up to {} events or {} ms", url,
                settings.batchSize(), settings.batchWait().toMillis());
    }

    /**
     * Migrates the schema and creates partitions, retrying with backoff while the database is
     * unreachable (one WARN, one INFO when it answers).
     *
     * @return false when closed before the database answered
     */
    public boolean start() throws InterruptedException {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                int applied = Migrations.migrate(dataSource);
                partitions.maintain();
                database.succeeded();
                log.info("database schema ready ({} migration(s) applied)", applied);
                break;
            } catch (SQLException | RuntimeException e) {
                database.failed(e);
                if (closing.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
        }
        long every = settings.maintenanceInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
        started = true;
        return true;
    }

    /**
     * Starts a pipeline for {@code source} on its own thread; the collector closes the source.
     * Pipelines write in parallel, each on its own database connection (the pool has
     * {@value PostgresPool#DEFAULT_SIZE}: leave one for partition maintenance).
     */
    public BatchPipeline collect(EventSource source) {
        if (!started || closing.getCount() == 0) {
            throw new IllegalStateException(started ? "collector closed" : "start() first");
        }
        BatchPipeline pipeline = new BatchPipeline(source, new BatchDecoder(metrics, totals, malformedLog, partitions::lastDayAhead),
                new PostgresEventWriter(dataSource, partitions), redisWriter, database, redisStatus, metrics, totals,
                settings, clock);
        sources.add(source);
        pipelines.add(pipeline);
        Thread t = new Thread(pipeline, "tbg-collector-" + pipelines.size());
        t.start();
        return pipeline;
    }

    /** Creates partitions ahead and drops expired ones now (also runs on its own schedule). */
    public void maintain() {
        try {
            partitions.maintain();
        } catch (SQLException | RuntimeException e) {
            log.warn("partition maintenance failed ({}); retried in {} min", Failures.oneLine(e),
                    settings.maintenanceInterval().toMinutes());
        }
    }

    public PartitionManager partitions() {
        return partitions;
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    public CollectorTotals totals() {
        return totals;
    }

    public DependencyStatus database() {
        return database;
    }

    public DependencyStatus redis() {
        return redisStatus;
    }

    /** The pool of database connections, for tests and tools that read what was stored. */
    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        closing.countDown();
        for (BatchPipeline p : pipelines) {
            p.stop();
        }
        for (BatchPipeline p : pipelines) {
            try {
                if (!p.await(STOP_TIMEOUT)) {
                    log.warn("a pipeline did not stop within {} s; closing under it", STOP_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        maintenance.shutdownNow();
        for (EventSource s : sources) {
            s.close();
        }
        redisWriter.close();
        dataSource.close();
        log.info("collector stopped ({})", totals.summary("messages"));
    }
}
