package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tbg.app.events.JournalEvents;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.events.Event;
import org.tbg.events.EventType;
import org.tbg.stratum.miner.CpuMiner;
import org.tbg.stratum.miner.MinerOptions;
import org.tbg.testkit.Ports;

/**
 * {@code tbg pool} as a process (the packaged jar) with CPU miners on it, stopped with SIGTERM:
 * it must exit within 10 s after asking every miner to reconnect, with every share a miner saw
 * accepted counted in its last line. And the zero-downtime restart of docs/runbooks/restart.md:
 * process B binds the same stratum port (SO_REUSEPORT), A gets SIGTERM, every miner ends up on B
 * and mines there, and the accepted shares of A and B add up to what the miners saw accepted.
 *
 * <p>The chain (an in-JVM devnet) has difficulty 0.002 and shares 0.0001: about one share in
 * twenty is a block, so blocks are found across the switch too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolRestartIT {
    private static final double SHARE_DIFFICULTY = 0.0001;
    private static final int MINERS = 3;
    private static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Devnet devnet;
    private final List<CpuMiner> miners = new ArrayList<>();
    private final List<Thread> minerThreads = new ArrayList<>();
    private final ListAppender<ILoggingEvent> minerLog = new ListAppender<>();
    private final List<PoolProcess> pools = new ArrayList<>();

    @BeforeAll
    void startChain() {
        devnet = new Devnet(DevnetOptions.builder().rpcHost("127.0.0.1").rpcPort(0)
                .rpcCredentials("tbg-test", "devnet-test").difficulty(0.002).build()).start();
    }

    @AfterAll
    void stopChain() {
        if (devnet != null) devnet.close();
    }

    @BeforeEach
    void captureMinerLog() {
        minerLog.list.clear();
        minerLog.start();
        ((Logger) LoggerFactory.getLogger(CpuMiner.class)).addAppender(minerLog);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        stopMiners();
        miners.clear();
        pools.forEach(PoolProcess::close);
        pools.clear();
        ((Logger) LoggerFactory.getLogger(CpuMiner.class)).detachAppender(minerLog);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigtermUnderLoadAsksEveryMinerToReconnectAndExitsWithin10s(@TempDir Path dir) throws Exception {
        int port = Ports.freePort();
        PoolProcess pool = startPool(dir, "a", port);
        startMiners(port);
        await().atMost(WAIT).until(() -> miners.stream().allMatch(m -> m.stats().sharesAccepted() >= 2));

        long t0 = System.nanoTime();
        pool.sigterm();
        assertThat(pool.awaitExit(EXIT_LIMIT)).as("exit within 10 s of SIGTERM; output:%n%s", pool.output()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(EXIT_LIMIT);
        assertThat(pool.exitValue()).as("143: ended by SIGTERM after the shutdown hooks ran").isIn(0, 143);
        assertThat(minersToldToReconnect()).as("miners that got client.reconnect").hasSize(MINERS);

        stopMiners(); // they have nowhere to go now; their counts are final
        PoolProcess.FinalCounts counts = pool.finalCounts();
        assertThat(counts.sharesAccepted()).as("every share a miner saw accepted is in the pool's count")
                .isEqualTo(minersAccepted());

        // the event queue was flushed before exit: the journal holds every fact the pool counted
        JournalCounts journal = JournalCounts.read(dir.resolve("a").resolve("events"));
        assertThat(journal.acceptedShares()).as("accepted share_submitted events in the journal").isEqualTo(counts.sharesAccepted());
        assertThat(journal.rejectedShares()).as("rejected share_submitted events in the journal").isEqualTo(counts.sharesRejected());
        assertThat(journal.blocksFound()).as("block_found events in the journal").isEqualTo(counts.blocksFound());
        assertThat(journal.connected()).as("miner_connected events").isGreaterThanOrEqualTo(MINERS);
        assertThat(journal.disconnected()).as("a miner_disconnected for every miner_connected").isEqualTo(journal.connected());
        System.out.printf("sigterm: journal holds %d accepted + %d rejected shares, %d blocks, %d connections%n",
                journal.acceptedShares(), journal.rejectedShares(), journal.blocksFound(), journal.connected());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void zeroDowntimeRestartMovesEveryMinerToTheNewProcessAndLosesNoAcceptedShare(@TempDir Path dir) throws Exception {
        int port = Ports.freePort();
        PoolProcess a = startPool(dir, "a", port);
        startMiners(port);
        await().atMost(WAIT).until(() -> miners.stream().allMatch(m -> m.stats().sharesAccepted() >= 2));

        PoolProcess b = startPool(dir, "b", port); // the same stratum port: SO_REUSEPORT
        b.awaitLine(l -> l.contains("stratum listening on") && l.contains(":" + port), WAIT);
        assertThat(b.output()).contains("SO_REUSEPORT");

        // what an operator behind a load balancer does first: A takes no one new, its miners mine on
        assertThat(a.drain()).isEqualTo(200);
        assertThat(a.ready()).as("A's /ready once drained").isEqualTo(503);
        awaitEveryMinerAccepts(1);
        assertThat(minersToldToReconnect()).as("draining asks no one to leave").isEmpty();

        a.sigterm();
        assertThat(a.awaitExit(EXIT_LIMIT)).as("A exits within 10 s; output:%n%s", a.output()).isTrue();
        await().atMost(WAIT).until(() -> b.metric("ckpool_connected_miners") == MINERS);
        assertThat(minersToldToReconnect()).hasSize(MINERS);

        awaitEveryMinerAccepts(2);
        assertThat(b.ready()).isEqualTo(200);

        b.sigterm();
        assertThat(b.awaitExit(EXIT_LIMIT)).isTrue();
        stopMiners();

        PoolProcess.FinalCounts countsA = a.finalCounts();
        PoolProcess.FinalCounts countsB = b.finalCounts();
        assertThat(countsA.sharesAccepted()).isPositive();
        assertThat(countsB.sharesAccepted()).isPositive();
        assertThat(countsA.sharesAccepted() + countsB.sharesAccepted()).as("accepted by A + by B = seen accepted by the miners")
                .isEqualTo(minersAccepted());
        // a pool also counts (and submits) a block from a share it answers "Stale", which the miner counts as a reject
        assertThat(countsA.blocksFound() + countsB.blocksFound()).as("blocks found by the pools vs seen accepted by the miners")
                .isGreaterThanOrEqualTo(miners.stream().mapToLong(m -> m.stats().blocksFound()).sum());
        assertEveryFoundBlockWasSubmitted(dir.resolve("a").resolve("blocks.jsonl"));
        assertEveryFoundBlockWasSubmitted(dir.resolve("b").resolve("blocks.jsonl"));
    }

    // ---- helpers --------------------------------------------------------------------------

    private PoolProcess startPool(Path dir, String name, int stratumPort) throws Exception {
        Path jar = Path.of("target", "tbg.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (mvn package runs before the integration tests)").exists();
        Path config = dir.resolve(name + ".conf");
        Files.writeString(config, """
                {
                  "btcd": [{"url": "127.0.0.1:%d", "auth": "tbg-test", "pass": "devnet-test"}],
                  "btcaddress": "%s",
                  "serverurl": ["127.0.0.1:%d"],
                  "blockpoll": 100,
                  "mindiff": %s, "startdiff": %s, "maxdiff": %s,
                  "pool_instance": "%s"
                }
                """.formatted(devnet.rpcPort(), ADDRESS, stratumPort, SHARE_DIFFICULTY, SHARE_DIFFICULTY, SHARE_DIFFICULTY, name));
        PoolProcess p = PoolProcess.start(jar, config, Ports.freePort(), dir.resolve(name));
        pools.add(p);
        p.awaitReady(WAIT);
        return p;
    }

    private void startMiners(int port) {
        for (int i = 0; i < MINERS; i++) {
            CpuMiner m = new CpuMiner(new MinerOptions("127.0.0.1", port, ADDRESS + ".m" + i, "x", 1, false,
                    Duration.ofMinutes(3), 0));
            Thread t = new Thread(m::run, "it-miner-" + i);
            t.setDaemon(true);
            miners.add(m);
            minerThreads.add(t);
            t.start();
        }
    }

    private void stopMiners() throws InterruptedException {
        miners.forEach(CpuMiner::stop);
        for (Thread t : minerThreads) {
            t.join(10_000);
        }
        minerThreads.clear();
    }

    private long minersAccepted() {
        return miners.stream().mapToLong(m -> m.stats().sharesAccepted()).sum();
    }

    /** Waits until each miner has had {@code more} shares accepted since now. */
    private void awaitEveryMinerAccepts(int more) {
        List<Long> base = miners.stream().map(m -> m.stats().sharesAccepted()).toList();
        await().atMost(WAIT).until(() -> {
            for (int i = 0; i < MINERS; i++) {
                if (miners.get(i).stats().sharesAccepted() < base.get(i) + more) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Threads (one per miner) that logged the pool's {@code client.reconnect}. */
    private Set<String> minersToldToReconnect() {
        synchronized (minerLog) {
            return minerLog.list.stream().filter(e -> e.getFormattedMessage().startsWith("pool asked to reconnect"))
                    .map(ILoggingEvent::getThreadName).collect(Collectors.toSet());
        }
    }

    /** What a pool's event journal says happened: accepted and rejected shares, blocks, connects and disconnects. */
    private record JournalCounts(long acceptedShares, long rejectedShares, long blocksFound, long connected,
                                 long disconnected) {
        static JournalCounts read(Path dir) throws Exception {
            List<Event> events = JournalEvents.read(dir);
            assertThat(events).as("events journaled in %s", dir).isNotEmpty();
            long accepted = events.stream()
                    .filter(e -> e.type() == EventType.SHARE_SUBMITTED && e.flag("accepted"))
                    .count();
            return new JournalCounts(accepted, count(events, EventType.SHARE_SUBMITTED) - accepted,
                    count(events, EventType.BLOCK_FOUND), count(events, EventType.MINER_CONNECTED),
                    count(events, EventType.MINER_DISCONNECTED));
        }

        private static long count(List<Event> events, EventType type) {
            return events.stream().filter(e -> e.type() == type).count();
        }
    }

    /** Each block the pool journaled as found has its submission verdict journaled too. */
    private static void assertEveryFoundBlockWasSubmitted(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return; // no block found by this process
        }
        Set<String> found = new java.util.HashSet<>();
        Set<String> submitted = new java.util.HashSet<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode n = JSON.readTree(line);
            (n.get("state").asText().equals("found") ? found : submitted).add(n.get("hash").asText());
        }
        assertThat(submitted).as("blocks with a verdict in %s", journal).containsAll(found);
    }
}
