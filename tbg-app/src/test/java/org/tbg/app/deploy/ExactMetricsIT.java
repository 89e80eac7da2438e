package org.tbg.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.app.http.StatusServer;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.pool.Pool;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.VardiffSettings;
import org.tbg.stratum.message.NotifyJob;

/**
 * Issue 6's acceptance: a pool on a devnet chain gets a scripted miner with known counts — shares
 * accepted, shares rejected for each of several reasons, stale shares, blocks — and its
 * {@code /metrics}, scraped over HTTP from the real StatusServer, shows exactly those counts: each
 * share counted once, in one series. When every client has gone, the connection gauges are back at 0.
 *
 * <p>The chain's difficulty (2^-14) is above the pool's fixed share difficulty (2^-20, mindiff =
 * maxdiff, so vardiff never moves it): shares, blocks and misses are each a few thousand to a few
 * hundred thousand hashes away, and nothing moves the tip but this test's blocks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExactMetricsIT {
    private static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final String WORKER = ADDRESS + ".exact";
    /** A power of two: any sum of it is exact in a double, so the accepted difficulty compares exactly. */
    private static final double SHARE_DIFFICULTY = 0x1p-20;
    private static final double NETWORK_DIFFICULTY = 0x1p-14;
    private static final long MAX_NONCES = 1L << 26;
    private static final Duration WAIT = Duration.ofSeconds(15);

    // The script.
    private static final int ACCEPTED = 5;
    private static final int DUPLICATES = 2;
    private static final int LOW_DIFFICULTY = 3;
    private static final int UNKNOWN_JOB = 2;
    private static final int BAD_NTIME = 2;
    private static final int BAD_NONCE = 1;
    private static final int UNAUTHORIZED = 1;
    private static final int NOT_SUBSCRIBED = 1;
    private static final int STALE = 3;
    private static final int BLOCKS = 2;

    @Test
    void everyScriptedShareBlockAndConnectionIsCountedExactlyOnce(@TempDir Path dir) throws Exception {
        try (Devnet devnet = new Devnet(DevnetOptions.builder().rpcHost("127.0.0.1").rpcPort(0)
                        .rpcCredentials("tbg-test", "exact-metrics").difficulty(NETWORK_DIFFICULTY).build()).start();
             JsonRpcClient chain = new JsonRpcClient(devnet.endpoint(), Duration.ofSeconds(10));
             Pool pool = new Pool(settings(devnet, dir))) {
            pool.start();
            try (StatusServer http = StatusServer.forPool(pool, new InetSocketAddress("127.0.0.1", 0))) {
                String metrics = "http://127.0.0.1:" + http.port() + "/metrics";
                int port = pool.boundAddresses().get(0).getPort();
                String node = devnet.endpoint().name();

                try (ScriptedMiner miner = ScriptedMiner.connect(port)) {
                    miner.subscribe();
                    miner.authorize(WORKER);
                    mine(miner, chain);

                    Scrape s = awaitScrape(metrics, "ckpool_share_processing_seconds_count", submits());
                    assertThat(s.value("ckpool_share_processing_seconds_count")).as("every submit timed once").isEqualTo(submits());
                    assertThat(s.value("ckpool_shares_valid_total")).isEqualTo(ACCEPTED + BLOCKS);
                    assertThat(s.value("ckpool_shares_stale_total")).isEqualTo(STALE);
                    assertThat(invalidByReason(s)).as("ckpool_shares_invalid_total by reason").isEqualTo(Map.of(
                            "Duplicate share", (double) DUPLICATES,
                            "Low difficulty share", (double) LOW_DIFFICULTY,
                            "Job not found", (double) UNKNOWN_JOB,
                            "Ntime out of range", (double) BAD_NTIME,
                            "Invalid nonce: expected 4 bytes of hex", (double) BAD_NONCE,
                            "Unauthorized worker", (double) UNAUTHORIZED,
                            "Not subscribed", (double) NOT_SUBSCRIBED));
                    assertThat(s.value("ckpool_total_diff_accepted_total")).isEqualTo((ACCEPTED + BLOCKS) * SHARE_DIFFICULTY);
                    assertThat(s.value("ckpool_blocks_found_total")).isEqualTo(BLOCKS);
                    assertThat(s.value("ckpool_blocks_rejected_total")).isZero();
                    assertThat(s.value("ckpool_vardiff_adjustments_total", Map.of("direction", "up"))).isZero();
                    assertThat(s.value("ckpool_vardiff_adjustments_total", Map.of("direction", "down"))).isZero();
                    assertThat(s.value("ckpool_block_height")).as("the work builds on the last block").isEqualTo(BLOCKS + 1);
                    assertThat(s.value("ckpool_bitcoin_connected")).isEqualTo(1);
                    assertThat(s.value("ckpool_rpc_duration_seconds_count", Map.of("method", "submitblock", "node", node)))
                            .as("one submitblock per block").isEqualTo(BLOCKS);
                    assertThat(s.value("ckpool_rpc_duration_seconds_count", Map.of("method", "getblocktemplate", "node", node)))
                            .as("a template per block and the first").isGreaterThanOrEqualTo(BLOCKS + 1);

                    // the not-subscribed client has gone; the scripted miner is the one left
                    Scrape open = awaitScrape(metrics, sc -> sc.value("ckpool_connections") == 1);
                    assertThat(open.value("ckpool_connected_miners")).isEqualTo(1);
                }
                Scrape after = awaitScrape(metrics, sc -> sc.value("ckpool_connections") == 0 && sc.value("ckpool_connected_miners") == 0);
                assertThat(after.value("ckpool_asicboost_miners")).isZero();
                assertThat(after.value("ckpool_shares_valid_total")).as("nothing counted on the way out").isEqualTo(ACCEPTED + BLOCKS);
            }
        }
    }

    /** The script, each reply checked as it comes: the metrics must then equal the script's counts. */
    private void mine(ScriptedMiner miner, JsonRpcClient chain) throws Exception {
        ScriptedMiner.IssuedJob first = miner.newestJob();
        assertThat(first.difficulty()).as("the job's share difficulty").isEqualTo(SHARE_DIFFICULTY);
        NotifyJob job = first.job();
        Target share = Difficulty.targetFor(first.difficulty());
        Target network = Target.fromBits(Long.parseLong(job.nbits(), 16));
        Predicate<byte[]> shareNotBlock = h -> share.isMetBy(h) && !network.isMetBy(h);
        long en2 = 0;

        List<ScriptedShare> accepted = new ArrayList<>();
        for (int i = 0; i < ACCEPTED; i++) {
            ScriptedShare s = grind(miner, job, ++en2, shareNotBlock);
            assertAccepted(submit(miner, s.params(WORKER)));
            accepted.add(s);
        }
        for (int i = 0; i < DUPLICATES; i++) {
            assertRejected(submit(miner, accepted.get(i).params(WORKER)), "Duplicate share");
        }
        for (int i = 0; i < LOW_DIFFICULTY; i++) {
            ScriptedShare s = grind(miner, job, ++en2, h -> !share.isMetBy(h));
            assertRejected(submit(miner, s.params(WORKER)), "Low difficulty share");
        }
        for (int i = 0; i < UNKNOWN_JOB; i++) {
            assertRejected(submit(miner, WORKER, "feedfacefeed000" + i, hex64(++en2), job.ntime(), "00000000"), "Job not found");
        }
        String lateNtime = String.format("%08x", Long.parseLong(job.ntime(), 16) + 7001);
        for (int i = 0; i < BAD_NTIME; i++) {
            assertRejected(submit(miner, WORKER, job.jobId(), hex64(++en2), lateNtime, "00000000"), "Ntime out of range");
        }
        for (int i = 0; i < BAD_NONCE; i++) {
            assertRejected(submit(miner, WORKER, job.jobId(), hex64(++en2), job.ntime(), "zzzzzzzz"),
                    "Invalid nonce: expected 4 bytes of hex");
        }
        for (int i = 0; i < UNAUTHORIZED; i++) {
            assertRejected(submit(miner, ADDRESS + ".stranger", job.jobId(), hex64(++en2), job.ntime(), "00000000"),
                    "Unauthorized worker");
        }
        for (int i = 0; i < NOT_SUBSCRIBED; i++) {
            try (ScriptedMiner early = ScriptedMiner.connect(miner.port())) {
                assertRejected(submit(early, WORKER, job.jobId(), hex64(1), job.ntime(), "00000000"), "Not subscribed");
            }
        }

        for (int b = 1; b <= BLOCKS; b++) {
            NotifyJob onTip = miner.newestJob().job();
            ScriptedShare block = grind(miner, onTip, ++en2, network::isMetBy);
            assertAccepted(submit(miner, block.params(WORKER)));
            int height = b;
            await().atMost(WAIT).until(() -> chain.call("getblockcount").asInt() == height);
            miner.awaitJob(j -> j.job().cleanJobs() && !j.job().prevHash().equals(onTip.prevHash()));
            if (b == 1) {
                for (int i = 0; i < STALE; i++) {
                    ScriptedShare s = grind(miner, onTip, ++en2, h -> !network.isMetBy(h));
                    assertRejected(submit(miner, s.params(WORKER)), "Stale");
                }
            }
        }
    }

    private static int submits() {
        return ACCEPTED + BLOCKS + DUPLICATES + LOW_DIFFICULTY + UNKNOWN_JOB + BAD_NTIME + BAD_NONCE + UNAUTHORIZED
                + NOT_SUBSCRIBED + STALE;
    }

    private static ScriptedShare grind(ScriptedMiner miner, NotifyJob job, long en2, Predicate<byte[]> wanted) {
        return ScriptedShare.grind(job, miner.extranonce1(), ScriptedShare.extranonce2(en2, miner.extranonce2Size()),
                wanted, MAX_NONCES);
    }

    private static JsonNode submit(ScriptedMiner miner, Object... params) throws Exception {
        return miner.call("mining.submit", params);
    }

    private static void assertAccepted(JsonNode reply) {
        assertThat(reply.path("result").asBoolean()).as("accepted: %s", reply).isTrue();
        assertThat(reply.path("error").isNull()).as("no error: %s", reply).isTrue();
    }

    private static void assertRejected(JsonNode reply, String reason) {
        assertThat(reply.path("result").asBoolean(true)).as("rejected: %s", reply).isFalse();
        assertThat(reply.path("error").path(1).asText()).as("reason in %s", reply).isEqualTo(reason);
    }

    private static String hex64(long n) {
        return String.format("%016x", n);
    }

    private static Map<String, Double> invalidByReason(Scrape s) {
        Map<String, Double> m = new TreeMap<>();
        for (Map<String, String> labels : s.labelSets("ckpool_shares_invalid_total")) {
            m.put(labels.get("reason"), s.value("ckpool_shares_invalid_total", labels));
        }
        return m;
    }

    private static Scrape awaitScrape(String url, String name, double atLeast) {
        return awaitScrape(url, s -> s.value(name) >= atLeast);
    }

    private static Scrape awaitScrape(String url, Predicate<Scrape> ready) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> Scrape.get(url), ready::test);
    }

    private static PoolSettings settings(Devnet devnet, Path dir) {
        return new PoolSettings(List.of(devnet.endpoint()), ADDRESS, "/tbg-exact/", Duration.ofMillis(100), null,
                Duration.ofSeconds(30), List.of(new InetSocketAddress("127.0.0.1", 0)),
                SHARE_DIFFICULTY, SHARE_DIFFICULTY, SHARE_DIFFICULTY, 4, 8, 0x1fffe000, 100, 0, dir, "exact-1", "test",
                4096, Duration.ofSeconds(60), Duration.ofSeconds(5), VardiffSettings.DEFAULTS);
    }
}
