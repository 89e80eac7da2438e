package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.app.events.JournalEvents;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.events.Event;
import org.tbg.events.EventType;
import org.tbg.testkit.NatsServer;
import org.tbg.testkit.Ports;
import org.tbg.testkit.PostgresServer;
import org.tbg.testkit.RedisServer;

/**
 * Issue 5's end-to-end acceptance, every part a real process or server: {@code tbg pool} (events to
 * its journal and NATS JetStream) on a devnet chain, two {@code tbg miner} processes, {@code tbg
 * collector} from NATS into PostgreSQL and Redis. The share events the pool journaled, the shares
 * the miner says it submitted, the rows in {@code shares} and the entries of
 * {@code mining:share_submitted} must all be the same number; blocks, users and workers must be
 * stored; a SIGTERM'd pool's last events (its miners' {@code pool_shutdown}) must arrive too.
 */
class EventPipelineEndToEndIT {
    private static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final Pattern SUBMITTED = Pattern.compile("shares submitted (\\d+), accepted (\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyShareBlockAndMinerReachesPostgresAndRedisOnce(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "tbg.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (mvn package runs before the integration tests)").exists();
        List<Process> processes = new ArrayList<>();
        try (NatsServer nats = NatsServer.launch();
             PostgresServer pg = PostgresServer.launch();
             RedisServer redis = RedisServer.launch();
             Devnet devnet = devnet()) {

            Output collector = startCollector(processes, dir, jar, nats, pg, redis);

            int stratumPort = Ports.freePort();
            try (PoolProcess pool = startPool(dir, jar, devnet, stratumPort, nats)) {

                // one miner runs to its end; a second one is still mining when the pool is stopped
                Output stayer = start(processes, dir, jar, "miner", "-o", "127.0.0.1:" + stratumPort,
                        "-u", ADDRESS + ".stayer", "--duration", "120");
                Output finisher = start(processes, dir, jar, "miner", "-o", "127.0.0.1:" + stratumPort,
                        "-u", ADDRESS + ".rig-1", "--duration", "8");
                String summary = finisher.awaitLine(l -> SUBMITTED.matcher(l).find(), WAIT);
                Matcher m = SUBMITTED.matcher(summary);
                assertThat(m.find()).isTrue();
                long finisherSubmitted = Long.parseLong(m.group(1));
                assertThat(finisherSubmitted).as("the miner submitted shares").isPositive();
                await().atMost(WAIT).until(() -> pool.metric("ckpool_blocks_found_total") >= 1);

                pool.sigterm();
                assertThat(pool.awaitExit(Duration.ofSeconds(10))).as("pool exits within 10 s of SIGTERM").isTrue();
                stayer.process.toHandle().destroy(); // SIGTERM: the miner prints its counts as it stops
                String stayerSummary = stayer.awaitLine(l -> SUBMITTED.matcher(l).find(), WAIT);
                Matcher s = SUBMITTED.matcher(stayerSummary);
                assertThat(s.find()).isTrue();
                long stayerSubmitted = Long.parseLong(s.group(1));

                Map<EventType, List<Event>> journal = readJournal(dir.resolve("journal"));
                List<Event> shareEvents = journal.getOrDefault(EventType.SHARE_SUBMITTED, List.of());
                long finisherEvents = shareEvents.stream().filter(e -> "rig-1".equals(e.text("worker"))).count();
                long stayerEvents = shareEvents.stream().filter(e -> "stayer".equals(e.text("worker"))).count();
                assertThat(finisherEvents).as("share events of the miner that finished").isEqualTo(finisherSubmitted);
                assertThat(stayerEvents).as("share events of the miner cut off by SIGTERM").isEqualTo(stayerSubmitted);
                assertThat(journal.get(EventType.MINER_DISCONNECTED)).extracting(e -> e.text("worker") + "/" + e.text("reason"))
                        .contains("rig-1/clean", "stayer/pool_shutdown");
                List<Event> blocks = journal.get(EventType.BLOCK_FOUND);
                assertThat(blocks).isNotEmpty();

                long shares = shareEvents.size();
                try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                     RedisClient client = RedisClient.create(redis.url());
                     StatefulRedisConnection<String, String> r = client.connect()) {
                    await().atMost(WAIT).ignoreExceptions().pollInterval(Duration.ofMillis(250))
                            .until(() -> count(db, "select count(*) from shares") >= shares
                                    && r.sync().xlen("mining:share_submitted") >= shares
                                    && count(db, "select count(*) from mining_events") >= totalEvents(journal)
                                    // Redis is written after PostgreSQL: wait for the last batch there too
                                    && journal.keySet().stream().mapToLong(t -> r.sync().xlen("mining:" + t.wireName())).sum()
                                            >= totalEvents(journal));
                    assertThat(count(db, "select count(*) from shares")).isEqualTo(shares);
                    assertThat(r.sync().xlen("mining:share_submitted")).isEqualTo(shares);
                    assertThat(count(db, "select count(*) from mining_events")).isEqualTo(totalEvents(journal));
                    assertThat(count(db, "select count(distinct event_id) from mining_events")).isEqualTo(totalEvents(journal));
                    assertThat(count(db, "select count(*) from shares where is_valid")).isEqualTo(
                            shareEvents.stream().filter(e -> e.flag("accepted")).count());

                    assertThat(count(db, "select count(*) from blocks")).isEqualTo(blocks.size());
                    for (Event b : blocks) {
                        assertThat(count(db, "select count(*) from blocks where block_hash = '" + b.text("hash")
                                + "' and block_height = " + b.integer("height", -1) + " and btc_address = '" + ADDRESS + "'"))
                                .as("block %s at %d", b.text("hash"), b.integer("height", -1)).isEqualTo(1);
                    }
                    assertThat(count(db, "select count(*) from users where btc_address = '" + ADDRESS + "'")).isEqualTo(1);
                    assertThat(count(db, "select count(*) from workers where btc_address = '" + ADDRESS
                            + "' and worker_name in ('rig-1', 'stayer') and not is_online")).isEqualTo(2);
                    System.out.printf("e2e: %d events, %d share events (%d + %d submitted by the miners), %d blocks%n",
                            totalEvents(journal), shares, finisherSubmitted, stayerSubmitted, blocks.size());
                    for (EventType type : journal.keySet()) {
                        assertThat(r.sync().xlen("mining:" + type.wireName())).as("stream of %s", type)
                                .isEqualTo(journal.get(type).size());
                    }
                }
            }
            assertThat(collector.process.isAlive()).as("collector still running").isTrue();
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    /**
     * Stop PostgreSQL for 20 s while a miner mines through the pool: the collector stops acking and
     * retries; once the database is back every share event is stored, once.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aTwentySecondDatabaseOutageDuringMiningLosesNothing(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "tbg.jar").toAbsolutePath();
        List<Process> processes = new ArrayList<>();
        try (NatsServer nats = NatsServer.launch();
             PostgresServer pg = PostgresServer.launch();
             RedisServer redis = RedisServer.launch();
             Devnet devnet = devnet()) {
            Output collector = startCollector(processes, dir, jar, nats, pg, redis);
            int stratumPort = Ports.freePort();
            try (PoolProcess pool = startPool(dir, jar, devnet, stratumPort, nats);
                 Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
                Output miner = start(processes, dir, jar, "miner", "-o", "127.0.0.1:" + stratumPort,
                        "-u", ADDRESS + ".outage", "--duration", "30");
                await().atMost(WAIT).ignoreExceptions().until(() -> count(db, "select count(*) from shares") > 0);
                db.close();

                pg.stop();
                Thread.sleep(20_000);
                pg.start();
                miner.awaitLine(l -> SUBMITTED.matcher(l).find(), WAIT);
                pool.sigterm();
                assertThat(pool.awaitExit(Duration.ofSeconds(10))).isTrue();
            }
            Map<EventType, List<Event>> journal = readJournal(dir.resolve("journal"));
            long shares = journal.get(EventType.SHARE_SUBMITTED).size();
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
                await().atMost(WAIT).ignoreExceptions().pollInterval(Duration.ofMillis(250))
                        .until(() -> count(db, "select count(*) from mining_events") >= totalEvents(journal));
                assertThat(count(db, "select count(*) from mining_events")).isEqualTo(totalEvents(journal));
                assertThat(count(db, "select count(*) from shares")).isEqualTo(shares);
                assertThat(count(db, "select count(distinct event_id) from shares")).isEqualTo(shares);
            }
            assertThat(collector.lines).as("the collector saw the outage and the recovery")
                    .anyMatch(l -> l.contains("database down")).anyMatch(l -> l.contains("database up again"));
            System.out.printf("outage: %d events, %d share events stored once after a 20 s database stop%n",
                    totalEvents(journal), shares);
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static Devnet devnet() {
        return new Devnet(DevnetOptions.builder().rpcHost("127.0.0.1").rpcPort(0)
                .rpcCredentials("tbg-test", "devnet-test").difficulty(0.002).build()).start();
    }

    /** {@code tbg collector} from NATS into PostgreSQL and Redis, returned once its tables exist. */
    private static Output startCollector(List<Process> all, Path dir, Path jar, NatsServer nats, PostgresServer pg,
                                         RedisServer redis) throws IOException, InterruptedException {
        Output collector = start(all, dir, jar, "collector", "--nats", nats.url(), "--database", pg.url(),
                "--redis", redis.url(), "--metrics-port", String.valueOf(Ports.freePort()));
        collector.awaitLine(l -> l.contains("database schema ready"), WAIT);
        return collector;
    }

    /** {@code tbg pool} journaling and publishing its events to NATS, returned once {@code /ready}. */
    private static PoolProcess startPool(Path dir, Path jar, Devnet devnet, int stratumPort, NatsServer nats)
            throws IOException, InterruptedException {
        Path poolDir = dir.resolve("pool");
        Files.createDirectories(poolDir);
        PoolProcess pool = PoolProcess.start(jar, poolConfig(dir, devnet, stratumPort, nats), Ports.freePort(), poolDir);
        try {
            pool.awaitReady(WAIT);
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    private static Path poolConfig(Path dir, Devnet devnet, int stratumPort, NatsServer nats) throws IOException {
        Path config = dir.resolve("pool.conf");
        Files.writeString(config, """
                {
                  "btcd": [{"url": "127.0.0.1:%d", "auth": "tbg-test", "pass": "devnet-test"}],
                  "btcaddress": "%s",
                  "serverurl": ["127.0.0.1:%d"],
                  "blockpoll": 100,
                  "mindiff": 0.00005, "startdiff": 0.0001,
                  "vardiff": {"target_share_interval": 0.5},
                  "pool_instance": "e2e-1", "tbg_region": "eu",
                  "events": {"nats_url": "%s", "journal_dir": "%s", "hashrate_interval": 2}
                }
                """.formatted(devnet.rpcPort(), ADDRESS, stratumPort, nats.url(), dir.resolve("journal")));
        return config;
    }

    private static long totalEvents(Map<EventType, List<Event>> journal) {
        return journal.values().stream().mapToLong(List::size).sum();
    }

    private static Map<EventType, List<Event>> readJournal(Path dir) throws Exception {
        return JournalEvents.read(dir).stream().collect(Collectors.groupingBy(Event::type));
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Output start(List<Process> all, Path dir, Path jar, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        all.add(p);
        return new Output(p);
    }

    /** A child process and the lines it printed so far. */
    private static final class Output {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Output(Process process) {
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String awaitLine(java.util.function.Predicate<String> wanted, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                for (String l : lines) {
                    if (wanted.test(l)) {
                        return l;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no matching line within " + within.toSeconds() + " s; output:\n" + String.join("\n", lines));
        }
    }
}
