package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tbg.collector.BatchPipeline;
import org.tbg.collector.Collector;
import org.tbg.collector.CollectorSettings;
import org.tbg.collector.TestEvents;
import org.tbg.collector.source.EventSource;
import org.tbg.collector.source.SourceBatch;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventFactory;
import org.tbg.events.EventIdentity;

/**
 * Throughput of the collector's write path (issue 5, part 5): pre-encoded {@code share_submitted}
 * events through decode → PostgreSQL (COPY + insert + rollups, one transaction per batch) → Redis
 * (chunked Lua, pipelined), on real servers started here. Opt-in, not a timed test: it prints
 * events/s. Run:
 * <pre>
 * mvn -B -o -pl tbg-collector -am verify -Dtest=none -Dit.test=CollectorThroughputIT \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dtbg.bench.collector=true \
 *   -Dtbg.pg.bin=/usr/lib/postgresql/15/bin -Dtbg.redis.server=/usr/bin/redis-server
 * </pre>
 * Optional: {@code -Dtbg.bench.events=500000 -Dtbg.bench.batch=5000 -Dtbg.bench.users=1000 -Dtbg.bench.pipelines=1}.
 * Besides events/s it prints the CPU time per event of the collector JVM, PostgreSQL and Redis,
 * which a busy machine distorts far less than the wall-clock rate.
 *
 * <p>The shared test server runs with {@code fsync=off} and 32 MB of shared buffers; to measure
 * with an operator's settings, start a server as docs/performance.md shows and pass its URL as
 * {@code -Dtbg.bench.database=postgresql://user:password@127.0.0.1:PORT/postgres} (a fresh database
 * is created on it for the run).
 */
@EnabledIfSystemProperty(named = "tbg.bench.collector", matches = "true")
class CollectorThroughputIT {

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void sharesPerSecondIntoPostgresAndRedis() throws Exception {
        int total = Integer.getInteger("tbg.bench.events", 500_000);
        int batch = Integer.getInteger("tbg.bench.batch", CollectorSettings.DEFAULT_BATCH_SIZE);
        int users = Integer.getInteger("tbg.bench.users", 1_000);
        int pipelines = Integer.getInteger("tbg.bench.pipelines", 1);
        List<byte[]> encoded = shares(total, users);
        long bytes = encoded.stream().mapToLong(b -> b.length).sum();

        String server = System.getProperty("tbg.bench.database", "");
        String database = server.isEmpty() ? SharedServers.freshDatabase() : freshDatabaseOn(server);
        int postgresPort = server.isEmpty() ? SharedServers.postgres().port() : new java.net.URI(server).getPort();
        CollectorSettings settings = CollectorSettings.defaults(database, SharedServers.freshRedis()).withBatchSize(batch);
        try (Collector collector = new Collector(settings, new PrometheusRegistry(), Clock.systemUTC())) {
            assertThat(collector.start()).isTrue();
            // a short warm-up (JIT, connections, partitions), not measured, not counted
            runThrough(collector, shares(Math.min(total / 10, 50_000), users), 1);
            long storedBefore = collector.totals().stored();
            long postmaster = ProcessCpu.find("postgres", postgresPort)
                    .orElseThrow(() -> new AssertionError("no postmaster found"));
            long jvm0 = ProcessCpu.jvmNanos();
            long pg0 = ProcessCpu.treeNanos(postmaster);
            double redis0 = redisCpuSeconds();

            long t0 = System.nanoTime();
            runThrough(collector, encoded, pipelines);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double jvmMicros = (ProcessCpu.jvmNanos() - jvm0) / 1e3 / total;
            double pgMicros = (ProcessCpu.treeNanos(postmaster) - pg0) / 1e3 / total;
            double redisMicros = (redisCpuSeconds() - redis0) * 1e6 / total;
            double cpuMicros = jvmMicros + pgMicros + redisMicros;

            long stored = collector.totals().stored() - storedBefore;
            assertThat(stored).isEqualTo(total);
            Db db = new Db(collector.dataSource());
            long warmUp = Math.min(total / 10, 50_000);
            assertThat(db.count("mining_events")).isEqualTo(total + warmUp);
            assertThat(db.count("shares")).isEqualTo(total + warmUp);
            assertThat(redisKeys()).isEqualTo(total + warmUp + 1); // a seen-marker per event and the stream
            System.out.printf(Locale.ROOT, "%n== collector throughput: %d share events (%.0f bytes each), batches of %d, "
                            + "%d users x 4 workers, %d pipeline(s) ==%n%.1f s: %,.0f events/s into PostgreSQL and Redis together (load average %s)%n"
                            + "CPU per event: collector JVM %.1f us, PostgreSQL %.1f us, Redis %.1f us; total %.1f us"
                            + " = %,.0f events/s per fully used core%n%n",
                    total, (double) bytes / total, batch, users, pipelines, seconds, total / seconds, loadAverage(),
                    jvmMicros, pgMicros, redisMicros, cpuMicros, 1e6 / cpuMicros);
        }
        if (!server.isEmpty()) { // its autovacuum must not bill the next run
            dropDatabaseOn(server, database.substring(database.lastIndexOf('/') + 1));
        }
    }

    /** A new database on the server of {@code url} (an operator-configured one); its URL. */
    private static String freshDatabaseOn(String url) throws java.sql.SQLException {
        org.tbg.collector.postgres.DatabaseUrl admin = org.tbg.collector.postgres.DatabaseUrl.parse(url);
        String name = "bench_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    private static void dropDatabaseOn(String url, String name) throws java.sql.SQLException {
        org.tbg.collector.postgres.DatabaseUrl admin = org.tbg.collector.postgres.DatabaseUrl.parse(url);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP DATABASE " + name);
        }
    }

    private static long redisKeys() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(SharedServers.redis().url());
        try (io.lettuce.core.api.StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().dbsize();
        } finally {
            client.shutdown();
        }
    }

    private static double redisCpuSeconds() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(SharedServers.redis().url());
        try (io.lettuce.core.api.StatefulRedisConnection<String, String> c = client.connect()) {
            double cpu = 0;
            for (String line : c.sync().info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return cpu;
        } finally {
            client.shutdown();
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Through {@code pipelines} pipelines at once, each taking its share of the messages. */
    private static void runThrough(Collector collector, List<byte[]> messages, int pipelines) throws InterruptedException {
        List<BatchPipeline> running = new ArrayList<>();
        int per = (messages.size() + pipelines - 1) / pipelines;
        for (int i = 0; i < pipelines; i++) {
            running.add(collector.collect(new InMemorySource(messages.subList(i * per, Math.min(messages.size(), (i + 1) * per)))));
        }
        for (BatchPipeline p : running) {
            assertThat(p.await(Duration.ofMinutes(20))).isTrue();
            assertThat(p.failure()).isNull();
        }
    }

    private static List<byte[]> shares(int n, int users) {
        EventFactory f = new EventFactory(EventIdentity.hosted("eu", "eu-1"));
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int user = i % users;
            Event e = TestEvents.share(f, "bc1qbenchuser" + user, "rig" + (i / users) % 4, i % 50 != 0,
                    1 + (i % 97) / 7.0, 1.0, "203.0.113." + user % 250);
            out.add(EventCodec.encode(e));
        }
        return out;
    }

    /** Pre-encoded messages in batches, as fast as the pipeline takes them; ends after the last. */
    private static final class InMemorySource implements EventSource {
        private final List<byte[]> messages;
        private int next;

        InMemorySource(List<byte[]> messages) {
            this.messages = messages;
        }

        @Override
        public SourceBatch fetch(int max, Duration maxWait) {
            if (next >= messages.size()) {
                return null;
            }
            List<byte[]> batch = messages.subList(next, Math.min(messages.size(), next + max));
            next += batch.size();
            return new SourceBatch() {
                @Override
                public List<byte[]> messages() {
                    return batch;
                }

                @Override
                public void ack() {
                }
            };
        }

        @Override
        public String describe() {
            return "in-memory benchmark source";
        }

        @Override
        public void close() {
        }
    }
}
