package org.tbg.app.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.pool.state.InMemoryMinerStateStore;
import org.tbg.pool.state.MinerStateStore;
import org.tbg.pool.state.SignatureCache;
import org.tbg.testkit.LogCapture;
import org.tbg.testkit.RedisServer;

/**
 * {@link RedisMinerStateStore} against a real redis-server ({@code -Dtbg.redis.server=PATH}). The
 * test's own Lettuce client plays the game API (writes {@code user_coinbase:}) and inspects what
 * the pool wrote ({@code vardiff:} values and TTLs).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisMinerStateStoreIT {
    private static final String ALICE = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
    private static final String BOB = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
    private static final String CAROL = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
    private static final long DAY_SECONDS = 86_400;
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static RedisServer redis;

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> cli;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.launch();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void connectTestClient() {
        redis.start(); // a test that stopped it may have failed before starting it again
        client = RedisClient.create(redis.url());
        connection = client.connect();
        cli = connection.sync();
        cli.flushall();
    }

    @AfterEach
    void closeTestClient() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    // ---- coinbase signatures --------------------------------------------------------------

    @Test
    void aSignatureSetInRedisIsAnsweredFromTheCacheAndFollowsChanges() {
        cli.set("user_coinbase:" + ALICE, "TheBitcoinGame #1");
        try (RedisMinerStateStore store = connectedStore()) {
            store.signatureFor(ALICE); // first ask: starts the background read
            await().atMost(PATIENCE).until(() -> store.signatureFor(ALICE).equals(Optional.of("TheBitcoinGame #1")));

            cli.set("user_coinbase:" + ALICE, "changed by miner");
            await().atMost(PATIENCE).until(() -> store.signatureFor(ALICE).equals(Optional.of("changed by miner")));

            cli.del("user_coinbase:" + ALICE);
            await().atMost(PATIENCE).until(() -> store.signatureFor(ALICE).isEmpty());
            assertThat(store.signatureFor(BOB)).isEmpty();
        }
    }

    @Test
    void loadSignatureWaitsForTheFirstRead() throws Exception {
        cli.set("user_coinbase:" + BOB, "gm/gn: solo!");
        try (RedisMinerStateStore store = connectedStore()) {
            assertThat(store.loadSignature(BOB).toCompletableFuture().get(5, TimeUnit.SECONDS)).hasValue("gm/gn: solo!");
            assertThat(store.loadSignature(CAROL).toCompletableFuture().get(5, TimeUnit.SECONDS)).isEmpty();
            assertThat(store.signatureFor(BOB)).hasValue("gm/gn: solo!");
        }
    }

    @Test
    void invalidValuesAreIgnoredAndLoggedOnce() throws Exception {
        cli.set("user_coinbase:" + ALICE, "<b>bold</b>");
        cli.set("user_coinbase:" + BOB, "x".repeat(21));
        cli.set("user_coinbase:" + CAROL, "f\u00fcr alle"); // 9 characters, but not the allowed ones
        try (LogCapture logs = new LogCapture(SignatureCache.class); RedisMinerStateStore store = connectedStore()) {
            for (String address : new String[] {ALICE, BOB, CAROL}) {
                assertThat(store.loadSignature(address).toCompletableFuture().get(5, TimeUnit.SECONDS)).as(address).isEmpty();
            }
            Thread.sleep(FastOptions.SIGNATURE_REFRESH.toMillis() * 4); // several refreshes read the same bad values
            for (String address : new String[] {ALICE, BOB, CAROL}) {
                assertThat(store.signatureFor(address)).as(address).isEmpty();
                assertThat(logs.messages(Level.INFO)).as(address).filteredOn(m -> m.contains(address)).hasSize(1);
            }

            cli.set("user_coinbase:" + ALICE, "bold");
            await().atMost(PATIENCE).until(() -> store.signatureFor(ALICE).equals(Optional.of("bold")));
        }
    }

    // ---- reconnect difficulties -----------------------------------------------------------

    @Test
    void aDifficultyIsWrittenWithItsTtlAndKnownToTheNextPool() throws Exception {
        String worker = ALICE + ".bitaxe";
        long setsBefore = setCalls();
        try (RedisMinerStateStore pool = connectedStore()) {
            for (int d = 1; d <= 1_000; d++) {
                pool.remember(worker, d);
            }
            await().atMost(PATIENCE).until(() -> "1000".equals(cli.get("vardiff:" + worker)));
            assertThat(cli.ttl("vardiff:" + worker)).isBetween(DAY_SECONDS - 10, DAY_SECONDS);
            assertThat(setCalls() - setsBefore).as("SETs for 1000 remembers").isBetween(1L, 100L);

            pool.remember(worker, 0.00001);
            await().atMost(PATIENCE).until(() -> "0.00001".equals(cli.get("vardiff:" + worker)));
        }
        // A restarted pool (a new store) knows nothing in memory; Redis answers.
        try (RedisMinerStateStore restarted = connectedStore()) {
            assertThat(lastDifficulty(restarted, worker)).hasValue(0.00001);
            assertThat(lastDifficulty(restarted, ALICE + ".unknown")).isEmpty();
            cli.set("vardiff:" + BOB, "4096"); // written by another pool instance
            assertThat(lastDifficulty(restarted, BOB)).hasValue(4096);
        }
    }

    @Test
    void closeWritesWhatIsStillPending() {
        String worker = CAROL + ".nerdminer";
        RedisMinerStateStore store = RedisMinerStateStore.start(FastOptions.forUrl(redis.url(), Duration.ofHours(1)));
        await().atMost(PATIENCE).until(store::redisAvailable);
        store.remember(worker, 0.0005);
        assertThat(cli.get("vardiff:" + worker)).isNull(); // the next flush is an hour away
        store.close();
        assertThat(cli.get("vardiff:" + worker)).isEqualTo("0.0005");
        assertThat(cli.ttl("vardiff:" + worker)).isBetween(DAY_SECONDS - 10, DAY_SECONDS);
    }

    // ---- Redis going away and coming back -------------------------------------------------

    @Test
    void redisDownAnswersFromMemoryAtOnceAndStateIsWrittenWhenItIsBack() throws Exception {
        String before = ALICE + ".before";
        String during = ALICE + ".during";
        cli.set("user_coinbase:" + ALICE, "custom sig");
        try (LogCapture logs = new LogCapture(RedisMinerStateStore.class); RedisMinerStateStore store = connectedStore()) {
            assertThat(store.loadSignature(ALICE).toCompletableFuture().get(5, TimeUnit.SECONDS)).hasValue("custom sig");
            store.remember(before, 64);
            await().atMost(PATIENCE).until(() -> "64".equals(cli.get("vardiff:" + before)));

            redis.stop();
            await().atMost(PATIENCE).until(() -> !store.redisAvailable());

            CallTimer signature = new CallTimer(500);
            CallTimer load = new CallTimer(500);
            CallTimer remember = new CallTimer(500);
            CallTimer recall = new CallTimer(500);
            CallTimer unknown = new CallTimer(500);
            for (int i = 1; i <= 500; i++) {
                int n = i;
                // spec/storage.md: while Redis is unreachable the pool uses its default signature
                signature.time(() -> assertThat(store.signatureFor(ALICE)).isEmpty());
                load.time(() -> assertThat(store.loadSignature(ALICE).toCompletableFuture().getNow(null)).isEmpty());
                remember.time(() -> store.remember(during, n));
                recall.time(() -> assertThat(store.lastDifficulty(before).toCompletableFuture().getNow(null)).hasValue(64));
                unknown.time(() -> assertThat(store.lastDifficulty("nobody" + n).toCompletableFuture().getNow(null))
                        .isEqualTo(OptionalDouble.empty()));
            }
            // getNow() above already proves the answers were there at once; the times say no call waited on
            // the network (the command timeout is 1 s), with room for a loaded two-core machine's scheduling
            for (CallTimer t : new CallTimer[] {signature, load, remember, recall, unknown}) {
                assertThat(t.p99Micros()).isLessThan(20_000);
                assertThat(t.maxMicros()).isLessThan(500_000);
            }
            Thread.sleep(1_000); // several reconnect attempts fail meanwhile
            assertThat(logs.messages(Level.WARN)).hasSize(1);

            redis.start(); // empty: no persistence, as after a cache restart
            await().atMost(PATIENCE).until(store::redisAvailable);
            // the store is marked up a moment before it logs so
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(logs.messages(Level.INFO)).filteredOn(m -> m.contains("is back")).hasSize(1));

            // What was remembered during the outage is written now, with its TTL.
            await().atMost(PATIENCE).until(() -> "500".equals(cli.get("vardiff:" + during)));
            assertThat(cli.ttl("vardiff:" + during)).isBetween(DAY_SECONDS - 10, DAY_SECONDS);
            assertThat(lastDifficulty(store, before)).hasValue(64); // memory kept what Redis lost
            cli.set("user_coinbase:" + ALICE, "custom sig again");
            await().atMost(PATIENCE).until(() -> store.signatureFor(ALICE).equals(Optional.of("custom sig again")));
            assertThat(logs.messages(Level.WARN)).hasSize(1);
        }
    }

    @Test
    void aPoolStartedWhileRedisIsDownConnectsWhenItComesUp() throws Exception {
        redis.stop();
        try (LogCapture logs = new LogCapture(RedisMinerStateStore.class);
             RedisMinerStateStore store = RedisMinerStateStore.start(FastOptions.forUrl(redis.url()))) {
            await().atMost(PATIENCE).until(() -> !logs.messages(Level.WARN).isEmpty());
            store.remember(CAROL, 0.5);
            assertThat(store.signatureFor(CAROL)).isEmpty();
            assertThat(lastDifficulty(store, CAROL)).hasValue(0.5);

            redis.start();
            await().atMost(PATIENCE).until(store::redisAvailable);
            cli.set("user_coinbase:" + CAROL, "late but here");
            await().atMost(PATIENCE).until(() -> "0.5".equals(cli.get("vardiff:" + CAROL)));
            await().atMost(PATIENCE).until(() -> store.signatureFor(CAROL).equals(Optional.of("late but here")));
            assertThat(logs.messages(Level.WARN)).hasSize(1);
            assertThat(logs.messages(Level.INFO)).filteredOn(m -> m.contains("is back")).hasSize(1);
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private static RedisMinerStateStore connectedStore() {
        RedisMinerStateStore store = RedisMinerStateStore.start(FastOptions.forUrl(redis.url()));
        await().atMost(PATIENCE).until(store::redisAvailable);
        return store;
    }

    private static OptionalDouble lastDifficulty(MinerStateStore store, String worker) throws Exception {
        CompletableFuture<OptionalDouble> f = store.lastDifficulty(worker).toCompletableFuture();
        return f.get(5, TimeUnit.SECONDS);
    }

    /** How many SET commands the server has executed since it started. */
    private long setCalls() {
        Matcher m = Pattern.compile("cmdstat_set:calls=(\\d+)").matcher(cli.info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
