package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.pool.event.PoolEventListener;
import org.tbg.pool.session.Session;
import org.tbg.stratum.client.StratumClient;
import org.tbg.testkit.DevnetNode;

/** Difficulty on the wire: miner hints within the pool's bounds, and vardiff moving a fast miner up. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DifficultyIT {
    private DevnetNode node;
    private PoolHarness pool;
    private final List<String> difficultyEvents = new CopyOnWriteArrayList<>();
    private final List<String> asicBoostEvents = new CopyOnWriteArrayList<>();
    private final PoolEventListener events = new PoolEventListener() {
        @Override
        public void difficultyChanged(Session session, double oldDiff, double newDiff, String reason, double shareRate) {
            difficultyEvents.add(reason + " " + oldDiff + " -> " + newDiff);
        }

        @Override
        public void asicBoostDetected(Session session, int poolMask, int minerMask) {
            asicBoostEvents.add(String.format("%08x %08x", poolMask, minerMask));
        }
    };

    @BeforeAll
    void start() throws Exception {
        node = DevnetNode.start();
        TestSettings s = new TestSettings(List.of(node.endpoint()), Files.createTempDirectory("tbg-it-diff"));
        s.minDiff = 0.00001;
        s.startDiff = 0.0001;
        pool = PoolHarness.start(s, events);
    }

    @AfterAll
    void stop() {
        if (pool != null) pool.close();
        if (node != null) node.close();
    }

    @Test
    void aSubOneSuggestionIsTakenAsIs() throws Exception {
        assertThat(difficulties("sub1", "x", 0.001).get(0)).isEqualTo(0.001);
        assertThat(difficultyEvents).anySatisfy(e -> assertThat(e).startsWith("suggested ").endsWith("-> 0.001"));
    }

    @Test
    void aPasswordDifficultyBelowMindiffIsRaisedToMindiff() throws Exception {
        assertThat(difficulties("tiny", "d=0.00000001", null).get(0)).isEqualTo(0.00001);
    }

    @Test
    void vardiffRaisesAFastMinersDifficultyWithoutWaitingForTheNextTemplate() {
        String user = TestAddresses.payout(AddressType.P2WPKH, "vardiff-fast").address() + ".cpu";
        long upBefore = pool.pool().stats().vardiffUp();
        // A CPU thread finds several shares a second at 0.0001; the target is one per 10 s.
        pool.mine(user, 1000, Duration.ofSeconds(12));
        assertThat(pool.pool().stats().vardiffUp()).isGreaterThan(upBefore);
        assertThat(difficultyEvents).anySatisfy(e -> assertThat(e).startsWith("vardiff 1.0E-4 -> "));
        // A CPU thread never exhausts its nonce range within a job, so it never rolls version bits.
        assertThat(asicBoostEvents).isEmpty();
    }

    /** The set_difficulty values a fresh connection sees after subscribe, an optional suggestion and authorize. */
    private List<Double> difficulties(String label, String password, Double suggestion) throws Exception {
        List<Double> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = new CompletableFuture<>();
        StratumClient client = new StratumClient(new StratumClient.Listener() {
            @Override
            public void onSetDifficulty(double d) {
                seen.add(d);
                first.complete(null);
            }
        });
        try {
            client.connect("127.0.0.1", pool.port()).get(5, TimeUnit.SECONDS);
            client.request("mining.subscribe", "it/1.0").get(5, TimeUnit.SECONDS);
            if (suggestion != null) {
                client.request("mining.suggest_difficulty", suggestion).get(5, TimeUnit.SECONDS);
            }
            String user = TestAddresses.payout(AddressType.P2WPKH, "hint-" + label).address() + ".rig";
            client.request("mining.authorize", user, password).get(5, TimeUnit.SECONDS);
            first.get(10, TimeUnit.SECONDS);
            return seen;
        } finally {
            client.close();
        }
    }
}
