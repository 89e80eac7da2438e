package org.tbg.stratum.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.stratum.testing.FakeStratumServer;

/**
 * The miner against a fake pool that recomputes every submitted share with bitcoinj. Difficulty
 * 0.0001 needs about 430k hashes per share, a fraction of a second per thread.
 */
@Timeout(90)
class CpuMinerTest {
    private static final String USER = "bcrt1qexampleaddressxxxxxxxxxxxxxxxxxxxxxxx.rig1";
    private static final String PREV = "3fb9a4f3a4b5bd1d23d3cd4d2e5b9e3b5d3f1e8f41a3c1d5b2a4f6e8c0d2e4f6";

    private FakeStratumServer server;
    private FakeStratumServer second;
    private CpuMiner miner;
    private CompletableFuture<MinerStats> run;

    @AfterEach
    void tearDown() throws Exception {
        if (miner != null) {
            miner.stop();
            run.get(20, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private MinerStats startAndAwait(MinerOptions options) throws Exception {
        start(options);
        return run.get(30, TimeUnit.SECONDS);
    }

    private void start(MinerOptions options) {
        miner = new CpuMiner(options);
        run = CompletableFuture.supplyAsync(miner::run);
    }

    private MinerStats stopAndGetStats() throws InterruptedException, ExecutionException, TimeoutException {
        miner.stop();
        return run.get(20, TimeUnit.SECONDS);
    }

    private static MinerOptions options(int port, int threads, boolean rolling) {
        return new MinerOptions("127.0.0.1", port, USER, "d=0.0001", threads, rolling, Duration.ofSeconds(60), 0);
    }

    @Test
    void submittedSharesAreValidWhenRecomputedWithBitcoinj() throws Exception {
        MinerTestPool pool = new MinerTestPool(TestWork.create("1", 101, PREV, 3, 0x207fffffL));
        server = new FakeStratumServer(pool);
        start(options(server.port(), 2, true));

        await().atMost(Duration.ofSeconds(45)).until(() ->
                pool.submits.stream().filter(MinerTestPool.Submit::meetsShare).count() >= 6
                        && pool.submits.stream().anyMatch(s -> s.meetsShare() && s.hasVersionBits()));
        await().atMost(Duration.ofSeconds(10)).until(() -> miner.stats().sharesAccepted() >= 6);
        MinerStats stats = stopAndGetStats();

        FakeStratumServer.Conn conn = server.connections().get(0);
        assertThat(conn.received.get(0).path("method").asText()).isEqualTo("mining.configure");
        assertThat(conn.received.get(0).path("params").get(0).get(0).asText()).isEqualTo("version-rolling");
        assertThat(conn.received.get(0).path("params").get(1).path("version-rolling.mask").asText()).isEqualTo("1fffe000");
        assertThat(conn.received.get(1).path("method").asText()).isEqualTo("mining.subscribe");
        assertThat(conn.received.get(2).path("method").asText()).isEqualTo("mining.authorize");
        assertThat(conn.received.get(2).path("params").get(0).asText()).isEqualTo(USER);
        assertThat(conn.received.get(2).path("params").get(1).asText()).isEqualTo("d=0.0001");

        List<MinerTestPool.Submit> submits = pool.submits;
        // every submit met a target by bitcoinj's reckoning; a wrong byte order would give random hashes
        assertThat(submits).allSatisfy(s -> {
            assertThat(s.meetsShare() || s.meetsNetwork()).isTrue();
            assertThat(s.params().get(0).asText()).isEqualTo(USER);
            assertThat(s.params().get(1).asText()).isEqualTo("1");
            assertThat(s.params().get(2).asText()).hasSize(16);
            assertThat(s.params().get(3).asText()).hasSize(8);
            assertThat(s.params().get(4).asText()).hasSize(8);
            assertThat(s.params()).hasSize(6);
        });
        // at most one submit below the share target: the job's first block candidate
        assertThat(submits.stream().filter(s -> !s.meetsShare()).count()).isLessThanOrEqualTo(1);
        assertThat(submits.stream().filter(MinerTestPool.Submit::meetsShare).count()).isGreaterThanOrEqualTo(6);
        // no two submits for the same header
        assertThat(submits.stream().map(s -> s.params().toString()).distinct().count()).isEqualTo(submits.size());

        assertThat(stats.hashes()).isGreaterThan(6 * 100_000L);
        // answers still in flight at stop() are not counted, so the miner's tallies may trail the pool's
        assertThat(stats.sharesSubmitted()).isGreaterThanOrEqualTo(submits.size());
        assertThat(stats.sharesAccepted()).isGreaterThanOrEqualTo(6)
                .isLessThanOrEqualTo(submits.stream().filter(MinerTestPool.Submit::accepted).count());
        assertThat(stats.sharesRejected()).isZero();
        // on regtest nbits every share is a block candidate
        assertThat(stats.blocksFound()).isEqualTo(stats.sharesAccepted());
    }

    @Test
    void rejectsAreCountedByReason() throws Exception {
        MinerTestPool pool = new MinerTestPool(TestWork.create("7", 101, PREV, 1, 0x1d00ffffL));
        pool.rejectAllWith = "Stale";
        server = new FakeStratumServer(pool);
        start(options(server.port(), 1, false));

        await().atMost(Duration.ofSeconds(45)).until(() -> pool.submits.size() >= 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> miner.stats().sharesRejected() >= 3);
        MinerStats stats = stopAndGetStats();

        assertThat(server.connections().get(0).received.get(0).path("method").asText()).isEqualTo("mining.subscribe");
        assertThat(pool.submits).allSatisfy(s -> {
            assertThat(s.meetsShare()).isTrue();
            assertThat(s.meetsNetwork()).isFalse();
            assertThat(s.params()).hasSize(5);
        });
        assertThat(stats.sharesAccepted()).isZero();
        assertThat(stats.blocksFound()).isZero();
        assertThat(stats.rejectsByReason()).containsOnlyKeys("Stale");
        assertThat(stats.rejectsByReason().get("Stale")).isEqualTo(stats.sharesRejected());
    }

    @Test
    void cleanJobsAbandonOldWork() throws Exception {
        MinerTestPool pool = new MinerTestPool(TestWork.create("old", 101, PREV, 2, 0x1d00ffffL));
        AtomicBoolean switched = new AtomicBoolean();
        pool.afterSubmit = (c, p) -> {
            if (switched.compareAndSet(false, true)) {
                TestWork next = TestWork.create("new", 102, "00".repeat(31) + "11", 4, 0x1d00ffffL);
                pool.offer(next);
                c.send(next.notifyLine(true));
            }
        };
        server = new FakeStratumServer(pool);
        start(options(server.port(), 1, false));

        await().atMost(Duration.ofSeconds(45)).until(() -> pool.submits.stream().filter(s -> s.jobId().equals("new")).count() >= 3);
        stopAndGetStats();

        List<String> order = pool.submits.stream().map(MinerTestPool.Submit::jobId).toList();
        int firstNew = order.indexOf("new");
        assertThat(order.subList(firstNew, order.size())).containsOnly("new");
        assertThat(pool.submits).allSatisfy(s -> assertThat(s.meetsShare()).isTrue());
    }

    @Test
    void stopsAfterTheRequestedNumberOfBlocks() throws Exception {
        MinerTestPool pool = new MinerTestPool(TestWork.create("b1", 101, PREV, 0, 0x207fffffL));
        pool.difficulty = 1e-3; // share target far harder than regtest's: blocks come from the first-hit rule
        pool.newJobAfterBlock = true;
        server = new FakeStratumServer(pool);
        MinerStats stats = startAndAwait(
                new MinerOptions("127.0.0.1", server.port(), USER, null, 1, false, Duration.ofSeconds(60), 3));

        assertThat(stats.blocksFound()).isEqualTo(3);
        assertThat(pool.submits.stream().filter(s -> s.accepted() && s.meetsNetwork()).count()).isGreaterThanOrEqualTo(3);
        assertThat(server.connections().get(0).received.get(1).path("params").get(1).asText()).isEqualTo("x");
    }

    @Test
    void reconnectsAfterTheConnectionIsLostAndOffersTheOldSession() throws Exception {
        MinerTestPool pool = new MinerTestPool(TestWork.create("1", 101, PREV, 1, 0x1d00ffffL));
        pool.afterSubmit = (c, p) -> {
            if (c.index() == 0) {
                c.close();
            }
        };
        server = new FakeStratumServer(pool);
        start(options(server.port(), 1, false));

        await().atMost(Duration.ofSeconds(45)).until(() -> pool.submits.stream().anyMatch(s -> s.conn() == 1 && s.meetsShare()));
        MinerStats stats = stopAndGetStats();

        FakeStratumServer.Conn again = server.connections().get(1);
        assertThat(again.received.get(0).path("method").asText()).isEqualTo("mining.subscribe");
        assertThat(again.received.get(0).path("params").get(1).asText()).isEqualTo("sid0");
        assertThat(pool.submits).allSatisfy(s -> assertThat(s.meetsShare()).isTrue());
        assertThat(stats.sharesAccepted()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void followsClientReconnectToAnotherPool() throws Exception {
        MinerTestPool target = new MinerTestPool(TestWork.create("t", 101, PREV, 1, 0x1d00ffffL));
        second = new FakeStratumServer(target);
        MinerTestPool origin = new MinerTestPool(TestWork.create("o", 101, PREV, 1, 0x1d00ffffL));
        origin.afterSubmit = (c, p) -> c.send("{\"id\":null,\"method\":\"client.reconnect\",\"params\":[\"127.0.0.1\",\""
                + second.port() + "\",0]}");
        server = new FakeStratumServer(origin);
        start(options(server.port(), 1, false));

        await().atMost(Duration.ofSeconds(45)).until(() -> target.submits.stream().anyMatch(MinerTestPool.Submit::meetsShare));
        stopAndGetStats();
        assertThat(origin.submits).isNotEmpty();
        assertThat(server.connections()).hasSize(1);
    }

    @Test
    void aShareInFlightWhenThePoolAsksToReconnectIsStillAnsweredAndCounted() throws Exception {
        MinerTestPool target = new MinerTestPool(TestWork.create("t", 101, PREV, 1, 0x1d00ffffL));
        target.rejectAllWith = "Stale"; // whatever the miner counts as accepted was accepted by the origin
        second = new FakeStratumServer(target);
        MinerTestPool origin = new MinerTestPool(TestWork.create("o", 101, PREV, 1, 0x1d00ffffL));
        String reconnect = "{\"id\":null,\"method\":\"client.reconnect\",\"params\":[\"127.0.0.1\",\"" + second.port() + "\"]}";
        AtomicBoolean told = new AtomicBoolean();
        // The reconnect overtakes the answer to the first submit, as when a pool shuts down mid-share.
        server = new FakeStratumServer((c, msg) -> {
            if (msg.path("method").asText().equals("mining.submit") && told.compareAndSet(false, true)) {
                c.send(reconnect);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            origin.onMessage(c, msg);
        });
        start(options(server.port(), 1, false));

        await().atMost(Duration.ofSeconds(45)).until(() -> !target.submits.isEmpty());
        MinerStats stats = stopAndGetStats();
        long acceptedByOrigin = origin.submits.stream().filter(MinerTestPool.Submit::accepted).count();
        assertThat(acceptedByOrigin).isPositive();
        assertThat(stats.sharesAccepted()).as("every share the origin accepted, its answer awaited").isEqualTo(acceptedByOrigin);
        assertThat(server.connections()).hasSize(1);
    }

    @Test
    void refusedAuthorizationEndsTheRun() throws Exception {
        MinerTestPool pool = new MinerTestPool(TestWork.create("1", 101, PREV, 1, 0x1d00ffffL));
        pool.authorizeOk = false;
        server = new FakeStratumServer(pool);
        long t0 = System.nanoTime();
        MinerStats stats = startAndAwait(options(server.port(), 1, false));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(stats.sharesSubmitted()).isZero();
        assertThat(server.connections()).hasSize(1);
    }

    @Test
    void durationBoundsTheRunEvenWhenThePoolIsUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        MinerStats stats = startAndAwait(new MinerOptions("127.0.0.1", closedPort, USER, "x", 1, false, Duration.ofSeconds(2), 0));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(8));
        assertThat(stats.hashes()).isZero();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(CpuMiner.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CpuMiner.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(CpuMiner.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(CpuMiner.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CpuMiner.backoff(100)).isEqualTo(Duration.ofSeconds(30));
    }
}
