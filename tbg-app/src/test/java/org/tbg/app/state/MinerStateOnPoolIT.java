package org.tbg.app.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.pool.Pool;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.VardiffSettings;
import org.tbg.stratum.client.StratumClient;
import org.tbg.stratum.miner.CpuMiner;
import org.tbg.stratum.miner.MinerOptions;
import org.tbg.testkit.BcoinNode;
import org.tbg.testkit.RedisServer;

/**
 * Miner state through Redis on a running pool, with a real node and a real redis-server: the
 * miner's own coinbase text lands in accepted blocks, the pool falls back to {@code btcsig} while
 * Redis is down and picks the text up again when Redis is back; a reconnecting worker gets its
 * last difficulty back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MinerStateOnPoolIT {
    private static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final String POOL_TAG = "/tbg-it/";
    private static final String SIGNATURE = "hello TBG";

    private BcoinNode node;
    private RedisServer redis;
    private RedisMinerStateStore state;
    private Pool pool;

    @BeforeAll
    void start() throws Exception {
        Context.propagate(new Context(RegTestParams.get()));
        node = BcoinNode.start();
        redis = RedisServer.launch();
        state = RedisMinerStateStore.start(FastOptions.forUrl(redis.url()));
        pool = new Pool(new PoolSettings(List.of(node.endpoint()), ADDRESS, POOL_TAG, Duration.ofMillis(100), null,
                Duration.ofSeconds(30), List.of(new InetSocketAddress("127.0.0.1", 0)), 0.00001, 0.0001, 0, 4, 8,
                0x1fffe000, 100, 0, Files.createTempDirectory("tbg-it-state"), "it", "test", 4096,
                Duration.ofSeconds(60), Duration.ofSeconds(3), VardiffSettings.DEFAULTS));
        pool.minerState(state);
        pool.start();
    }

    @AfterAll
    void stop() {
        if (pool != null) pool.close();
        if (state != null) state.close();
        if (redis != null) redis.close();
        if (node != null) node.close();
    }

    @Test
    void theMinersSignatureIsInItsBlocksAndBtcsigStandsInWhileRedisIsDown() throws Exception {
        setSignature(SIGNATURE);
        await().atMost(Duration.ofSeconds(10)).until(() -> state.signatureFor(ADDRESS).isPresent());
        assertThat(mineUntilABlockSays(SIGNATURE)).contains(POOL_TAG);

        redis.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> state.signatureFor(ADDRESS).isEmpty());
        String duringOutage = mineOneBlock();
        assertThat(duringOutage).contains(POOL_TAG).doesNotContain(SIGNATURE);

        redis.start(); // same port, empty: the game API writes the text again
        setSignature(SIGNATURE);
        await().atMost(Duration.ofSeconds(20)).until(() -> state.signatureFor(ADDRESS).isPresent());
        assertThat(mineUntilABlockSays(SIGNATURE)).contains(POOL_TAG);
    }

    @Test
    void aReconnectingWorkerGetsItsLastDifficultyBack() throws Exception {
        String worker = ADDRESS + ".returning";
        double first = firstDifficulty(worker, "mining.suggest_difficulty", 0.0625);
        assertThat(first).isEqualTo(0.0625);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                state.lastDifficulty(worker).toCompletableFuture().get().orElse(0) == 0.0625);
        // A fresh connection that asks for nothing starts where the worker left off.
        assertThat(firstDifficulty(worker, null, 0)).isEqualTo(0.0625);
    }

    /** Connects as {@code worker}, optionally suggests a difficulty before authorizing, returns the first set_difficulty. */
    private double firstDifficulty(String worker, String suggest, double value) throws Exception {
        CompletableFuture<Double> diff = new CompletableFuture<>();
        StratumClient client = new StratumClient(new StratumClient.Listener() {
            @Override
            public void onSetDifficulty(double d) {
                diff.complete(d);
            }
        });
        try {
            client.connect("127.0.0.1", pool.boundAddresses().get(0).getPort()).get(5, TimeUnit.SECONDS);
            client.request("mining.subscribe", "it/1.0").get(5, TimeUnit.SECONDS);
            if (suggest != null) {
                client.request(suggest, value).get(5, TimeUnit.SECONDS);
            }
            client.request("mining.authorize", worker, "x").get(5, TimeUnit.SECONDS);
            return diff.get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private void setSignature(String text) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().set("user_coinbase:" + ADDRESS, text);
        } finally {
            client.shutdown();
        }
    }

    /** Mines (bounded) until a best-chain block paying the miner carries {@code text}; returns its scriptSig. */
    private String mineUntilABlockSays(String text) throws Exception {
        for (int round = 0; round < 8; round++) {
            String scriptSig = mineOneBlock();
            if (scriptSig.contains(text)) {
                return scriptSig;
            }
        }
        throw new AssertionError("no block carried '" + text + "'");
    }

    /** One block mined through the pool; the coinbase scriptSig of the new tip, as text. */
    private String mineOneBlock() throws Exception {
        long before = node.rpc().call("getblockcount").asLong();
        new CpuMiner(new MinerOptions("127.0.0.1", pool.boundAddresses().get(0).getPort(), ADDRESS + ".sig", "x", 1,
                true, Duration.ofSeconds(30), 1)).run();
        await().atMost(Duration.ofSeconds(10)).until(() -> node.rpc().call("getblockcount").asLong() > before);
        String hash = node.rpc().call("getbestblockhash").asText();
        Block block = RegTestParams.get().getDefaultSerializer()
                .makeBlock(Hex.decode(node.rpc().call("getblock", hash, false).asText()));
        return new String(block.getTransactions().get(0).getInput(0).getScriptBytes(), StandardCharsets.ISO_8859_1);
    }
}
