package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.bitcoin.rpc.RpcException;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;
import org.tbg.testkit.BcoinChain;
import org.tbg.testkit.BcoinNode;
import org.tbg.testkit.Ports;

/**
 * The pool when its node fails: miners keep their connections and their work while no node
 * answers, get fresh work as soon as one does, and blocks go to whichever node is alive.
 * (Principle 4 of ARCHITECTURE.md: degrade, don't die.)
 */
class NodeFailureIT {
    private static final Logger log = LoggerFactory.getLogger(NodeFailureIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** TestSettings' blockpoll. */
    private static final Duration BLOCK_POLL = Duration.ofMillis(100);
    /** "A few blockpoll periods", with room for a loaded two-core machine. */
    private static final Duration FRESH_WORK_WITHIN = BLOCK_POLL.multipliedBy(20);

    private static final String RAW_WORKER = TestAddresses.payout(AddressType.P2WPKH, "failure-raw").address() + ".raw";

    @BeforeAll
    static void bitcoinj() {
        Context.propagate(new Context(RegTestParams.get()));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void minersKeepTheirConnectionThroughANodeOutageAndGetCleanWorkFromTheRestartedNode() throws Exception {
        TestAddresses.Payout payout = TestAddresses.payout(AddressType.P2WPKH, "failure-outage");
        try (BcoinNode node = BcoinNode.start();
             PoolHarness pool = PoolHarness.start(node);
             CountingTcpProxy link = CountingTcpProxy.start(pool.port());
             BackgroundMiner miner = BackgroundMiner.start(link.port(), payout.address() + ".cpu", "x");
             RawStratumConnection raw = rawMiner(pool)) {
            await().atMost(WAIT).until(() -> height(node) >= 3);

            node.kill();
            await().atMost(WAIT).until(() -> !pool.pool().nodeUp());

            // Shares are still answered, on the work the pool already has.
            long acceptedAtOutage = miner.stats().sharesAccepted();
            await().atMost(WAIT).until(() -> miner.stats().sharesAccepted() >= acceptedAtOutage + 3);
            NotifyJob lastWork = raw.newestJob();
            GroundShare share = GroundShare.find(lastWork, raw.extranonce1(), GroundShare.extranonce2(1, raw.extranonce2Size()),
                    Difficulty.targetFor(raw.difficultyOf(lastWork.jobId()))::isMetBy, 1L << 26);
            JsonNode reply = raw.call("mining.submit", share.submitParams(RAW_WORKER).toArray());
            assertThat(reply.get("result")).as("share during the outage: %s", reply).isEqualTo(JSON.readTree("true"));
            assertThat(link.open()).as("miner still connected during the outage").isEqualTo(1);

            raw.drain();
            node.restart(); // a fresh chain: back at genesis
            long restarted = System.nanoTime();
            String genesis = node.rpc().call("getblockhash", 0).asText();

            NotifyJob fresh = raw.awaitJob(NotifyJob::cleanJobs, WAIT);
            Duration took = Duration.ofNanos(System.nanoTime() - restarted);
            log.info("clean work on the restarted node's genesis {} ms after it answered", took.toMillis());
            assertThat(fresh.prevHash()).as("clean work builds on the restarted node's genesis").isEqualTo(stratumPrevHash(genesis));
            assertThat(took).as("fresh work after the restart").isLessThan(FRESH_WORK_WITHIN);

            // Blocks are accepted again, and they are the miner's.
            await().atMost(WAIT).until(() -> height(node) >= 3);
            for (long h = 1; h <= 3; h++) {
                assertThat(coinbaseScript(node, h)).as("payout of block %d on the restarted node", h).isEqualTo(payout.script());
            }
            assertThat(miner.running()).isTrue();
            assertThat(link.accepted()).as("miner connections made").isEqualTo(1);
            assertThat(link.open()).as("miner connections open").isEqualTo(1);
            assertThat(pool.pool().sessionCount()).as("sessions: the miner and the raw client").isEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startsAndMinesWhenTheFirstNodeIsUnreachable(@TempDir Path logDir) throws Exception {
        TestAddresses.Payout payout = TestAddresses.payout(AddressType.P2WPKH, "failure-unreachable");
        NodeEndpoint nowhere = NodeEndpoint.of("127.0.0.1:" + Ports.freePort(), "u", "p");
        try (BcoinNode node = BcoinNode.start();
             PoolHarness pool = PoolHarness.start(new TestSettings(List.of(nowhere, node.endpoint()), logDir))) {
            assertThat(pool.pool().nodeUp()).isTrue();

            try (BackgroundMiner miner = BackgroundMiner.start(pool.port(), payout.address() + ".cpu", "d=1")) {
                await().atMost(WAIT).until(() -> height(node) >= 3);
                assertThat(miner.stats().sharesRejected()).as("rejects %s", miner.stats().rejectsByReason()).isZero();
            }
            await().atMost(WAIT).until(() -> pool.pool().stats().blocksAccepted() >= 3);
            long tip = height(node);
            for (long h = 1; h <= tip; h++) {
                assertThat(coinbaseScript(node, h)).as("payout of block %d", h).isEqualTo(payout.script());
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failsOverToTheSecondNodeAndPublishesCleanWorkOnItsTip(@TempDir Path logDir) throws Exception {
        TestAddresses.Payout payout = TestAddresses.payout(AddressType.P2WPKH, "failure-failover");
        try (BcoinNode a = BcoinNode.start(); BcoinNode b = BcoinNode.start()) {
            // The pool submits every block to both nodes, and both start from the same genesis, so B
            // would simply follow A. Give B a longer chain of its own: its tip then differs from A's.
            BcoinChain.of(b).generateToAddress(100, BcoinChain.ANYONE_CAN_SPEND_ADDRESS);
            try (PoolHarness pool = PoolHarness.start(new TestSettings(List.of(a.endpoint(), b.endpoint()), logDir));
                 CountingTcpProxy link = CountingTcpProxy.start(pool.port());
                 BackgroundMiner miner = BackgroundMiner.start(link.port(), payout.address() + ".cpu", "x");
                 RawStratumConnection raw = rawMiner(pool)) {
                await().atMost(WAIT).until(() -> height(a) >= 3);
                String bTip = b.rpc().call("getbestblockhash").asText();
                assertThat(height(b)).as("B's own chain is still the longer one").isEqualTo(100);

                raw.drain();
                a.kill();
                long killed = System.nanoTime();
                NotifyJob fresh = raw.awaitJob(j -> j.prevHash().equals(stratumPrevHash(bTip)), WAIT);
                Duration took = Duration.ofNanos(System.nanoTime() - killed);
                log.info("clean work on B's tip {} ms after A was killed", took.toMillis());
                assertThat(fresh.cleanJobs()).as("work on another node's tip replaces the old work").isTrue();
                assertThat(took).as("work from B after A died").isLessThan(FRESH_WORK_WITHIN);

                await().atMost(WAIT).until(() -> height(b) >= 103);
                for (long h = 101; h <= 103; h++) {
                    assertThat(coinbaseScript(b, h)).as("payout of block %d on B", h).isEqualTo(payout.script());
                }
                assertThat(miner.running()).isTrue();
                assertThat(link.accepted()).as("miner connections made").isEqualTo(1);
                assertThat(link.open()).as("miner connections open").isEqualTo(1);
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    /** A raw connection that watches the work (and can grind a share at the lowest difficulty). */
    private static RawStratumConnection rawMiner(PoolHarness pool) throws Exception {
        RawStratumConnection c = RawStratumConnection.open(pool.port());
        try {
            c.subscribe();
            c.call("mining.suggest_difficulty", 0.00001);
            c.authorize(RAW_WORKER, "x");
            return c;
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    private static long height(BcoinNode node) throws RpcException {
        return node.rpc().call("getblockcount").asLong();
    }

    private static byte[] coinbaseScript(BcoinNode node, long height) throws RpcException {
        String hash = node.rpc().call("getblockhash", height).asText();
        JsonNode raw = node.rpc().call("getblock", hash, false);
        Block block = RegTestParams.get().getDefaultSerializer().makeBlock(Hex.decode(raw.asText()));
        return block.getTransactions().get(0).getOutput(0).getScriptPubKey().getProgram();
    }

    /** The notify form of a block hash given in display order. */
    private static String stratumPrevHash(String displayHash) {
        return PrevHash.toStratum(Bytes.reversed(Hex.decode(displayHash)));
    }
}
