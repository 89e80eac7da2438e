package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.pool.Pool;
import org.tbg.pool.PoolStats;
import org.tbg.pool.event.PoolEventListener;
import org.tbg.pool.session.Session;
import org.tbg.testkit.DevnetNode;
import org.tbg.testkit.Ports;

/**
 * {@link Pool#drain()} and {@link Pool#close()}: draining stops new connections while the open ones
 * keep mining; closing asks every miner to reconnect (no params: same host and port), lets the ones
 * that listen leave, closes the others once the grace is over, reports every disconnect as
 * {@code pool_shutdown}, has a verdict on every found block, and only then runs the shutdown hooks.
 * A second pool can bind the port of a running one (SO_REUSEPORT), as a zero-downtime restart needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainAndShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MINER = TestAddresses.payout(AddressType.P2WPKH, "drain-miner").address() + ".cpu";
    private static final String RAW = TestAddresses.payout(AddressType.P2WPKH, "drain-raw").address() + ".raw";

    private DevnetNode node;

    /** Disconnect reasons, in order. */
    private static final class Disconnects implements PoolEventListener {
        final List<String> reasons = new CopyOnWriteArrayList<>();

        @Override
        public void minerDisconnected(Session session, String reason) {
            reasons.add(reason);
        }
    }

    @BeforeAll
    void start() {
        node = DevnetNode.start();
    }

    @AfterAll
    void stop() {
        if (node != null) node.close();
    }

    private TestSettings settings() throws IOException {
        return new TestSettings(List.of(node.endpoint()), Files.createTempDirectory("tbg-it-drain"));
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void drainingRefusesNewConnectionsWhileOpenOnesKeepMining() throws Exception {
        try (PoolHarness pool = PoolHarness.start(settings());
             BackgroundMiner miner = BackgroundMiner.start(pool.port(), MINER, "d=1")) {
            await().atMost(WAIT).until(() -> miner.stats().sharesAccepted() >= 2);
            assertThat(pool.pool().ready()).isTrue();

            pool.pool().drain();

            assertThat(pool.pool().ready()).as("/ready answers 503 while draining").isFalse();
            assertThatThrownBy(() -> RawStratumConnection.open(pool.port()).close()).isInstanceOf(IOException.class);
            long before = miner.stats().sharesAccepted();
            await().atMost(WAIT).until(() -> miner.stats().sharesAccepted() >= before + 2);
            assertThat(miner.stats().sharesRejected()).isZero();
            assertThat(pool.pool().sessionCount()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void closeAsksMinersToReconnectThenClosesTheRestAndRunsTheHooksLast() throws Exception {
        Disconnects events = new Disconnects();
        PoolHarness pool = PoolHarness.start(settings(), events);
        AtomicInteger disconnectsSeenByHook = new AtomicInteger(-1);
        pool.pool().shutdownHook(left -> disconnectsSeenByHook.set(events.reasons.size()));
        try (BackgroundMiner miner = BackgroundMiner.start(pool.port(), MINER, "d=1");
             RawStratumConnection deaf = RawStratumConnection.open(pool.port())) {
            deaf.subscribe();
            deaf.authorize(RAW, "x"); // a miner that ignores client.reconnect
            await().atMost(WAIT).until(() -> miner.stats().sharesAccepted() >= 2);

            long t0 = System.nanoTime();
            pool.close();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(took).as("the deaf miner was given the grace, and no more than the budget")
                    .isGreaterThan(Duration.ofMillis(2_500)).isLessThan(Pool.SHUTDOWN_BUDGET);
            assertThat(deaf.closedWithin(WAIT)).isTrue();
            List<JsonNode> reconnects = deaf.notifications("client.reconnect");
            assertThat(reconnects).hasSize(1);
            assertThat(reconnects.get(0).get("params")).as("same host and port").isEmpty();
            assertThat(events.reasons).containsExactly("pool_shutdown", "pool_shutdown");
            assertThat(disconnectsSeenByHook.get()).as("disconnect events reported before the hooks ran").isEqualTo(2);
            PoolStats s = pool.pool().stats();
            assertThat(s.blocksFound()).as("blocks found").isPositive();
            assertThat(s.blocksAccepted() + s.blocksRejected()).as("a verdict on every found block").isEqualTo(s.blocksFound());
            assertThat(miner.stats().sharesAccepted()).as("the CPU miner's count matches the pool's")
                    .isEqualTo(s.sharesAccepted());
        }
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void aSecondPoolBindsThePortOfARunningOne() throws Exception {
        TestSettings a = settings();
        a.listen = new InetSocketAddress("127.0.0.1", Ports.freePort());
        TestSettings b = settings();
        b.listen = a.listen;
        try (PoolHarness first = PoolHarness.start(a); PoolHarness second = PoolHarness.start(b)) {
            assertThat(second.port()).isEqualTo(first.port());
            first.pool().drain(); // from now on the kernel sends every new connection to the second
            try (RawStratumConnection c = RawStratumConnection.open(second.port())) {
                assertThat(c.subscribe().get("error").isNull()).isTrue();
                assertThat(second.pool().stats().connections().get()).as("served by the second").isEqualTo(1);
                assertThat(first.pool().stats().connections().get()).isZero();
            }
        }
    }
}
