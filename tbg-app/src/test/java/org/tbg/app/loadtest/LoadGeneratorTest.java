package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tbg.stratum.message.StratumError;

class LoadGeneratorTest {
    private static final String LOW_DIFFICULTY = StratumError.LOW_DIFFICULTY.text();

    @Test
    void theReportCountsWhatThePoolSaw() throws Exception {
        try (FakePool pool = FakePool.start()) {
            long started = System.nanoTime();
            LoadReport r = new LoadGenerator(plan(pool.port(), 5, 600, 3_000, 500), "custom").run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(pool.submits.sum()).as("the run submitted something").isGreaterThan(50);
            assertThat(pool.badSubmits.sum()).as("submits that broke the protocol").isZero();
            assertThat(r.connectsOk()).isEqualTo(5).isEqualTo(pool.authorized.sum());
            assertThat(r.connectsFailed()).isZero();
            assertThat(r.peakConcurrent()).isEqualTo(5).isEqualTo(pool.peakOpen.get());
            assertThat(r.submitted()).isEqualTo(pool.submits.sum());
            assertThat(r.accepted()).isEqualTo(pool.accepted.sum());
            assertThat(r.rejected()).isEqualTo(pool.rejected());
            assertThat(r.stale()).isEqualTo(pool.rejected("Stale")).isPositive();
            assertThat(r.rejectsByReason()).containsOnlyKeys("Stale", LOW_DIFFICULTY)
                    .containsEntry("Stale", pool.rejected("Stale"))
                    .containsEntry(LOW_DIFFICULTY, pool.rejected(LOW_DIFFICULTY));
            assertThat(r.latency().count()).isEqualTo(r.accepted() + r.rejected());
            assertThat(r.errors().values()).allMatch(n -> n == 0);
            assertThat(r.failures()).isEmpty();
            assertThat(r.timeline().stream().mapToLong(TimelineSecond::submitted).sum()).isEqualTo(r.submitted());
            assertThat(r.durationSeconds()).isBetween(2.9, 3.5);
            assertThat(took).as("duration + a drain that ends when nothing is in flight").isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aRefusedPortIsAFailedRunWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }

        LoadReport r = new LoadGenerator(plan(port, 3, 60, 1_000, 0), "custom").run();

        assertThat(r.connectsOk()).isZero();
        assertThat(r.connectsFailed()).isEqualTo(3);
        assertThat(r.errorCount(LoadError.CONNECT_REFUSED)).isEqualTo(3);
        assertThat(r.submitted()).isZero();
        assertThat(r.failures()).containsExactly("3 of 3 connection attempts failed");
    }

    @Test
    void aRefusedAuthorizeIsCountedWithThePoolsReason() throws Exception {
        try (FakePool pool = FakePool.refusingAuthorize()) {
            LoadReport r = new LoadGenerator(plan(pool.port(), 2, 60, 1_000, 0), "custom").run();

            assertThat(r.connectsFailed()).isEqualTo(2);
            assertThat(r.errorCount(LoadError.AUTHORIZE_REFUSED)).isEqualTo(2);
            assertThat(r.errorExamples().get(LoadError.AUTHORIZE_REFUSED)).contains("invalid address: test");
            assertThat(r.failures()).isNotEmpty();
        }
    }

    @Test
    void clientReconnectIsFollowedToTheSamePoolWhateverHostItNames() throws Exception {
        try (FakePool pool = FakePool.askingToReconnect()) {
            LoadReport r = new LoadGenerator(plan(pool.port(), 3, 600, 2_000, 0), "custom").run();

            assertThat(pool.reconnectsSent.sum()).isEqualTo(3);
            assertThat(r.reconnects()).isEqualTo(3);
            assertThat(pool.connections.sum()).isEqualTo(6);
            assertThat(r.connectsOk()).isEqualTo(6);
            assertThat(r.submitted()).isEqualTo(pool.submits.sum());
            assertThat(r.accepted() + r.rejected()).as("no answer lost to the reconnect").isEqualTo(r.submitted());
            assertThat(r.errors().values()).allMatch(n -> n == 0);
            assertThat(r.failures()).isEmpty();
        }
    }

    @Test
    void connectionsAreSpreadOverTheSourceAddresses() throws Exception {
        try (FakePool pool = FakePool.start()) {
            LoadProfile p = new LoadProfile("custom", 4, 60, Duration.ofMillis(1_500), Duration.ZERO);
            LoadPlan plan = new LoadPlan(p, "127.0.0.1", pool.port(), LoadPlan.DEFAULT_ADDRESS, "x", false, Duration.ZERO,
                    SourceAddresses.parse("127.0.0.2-127.0.0.3"), 1);

            LoadReport r = new LoadGenerator(plan, "custom").run();

            assertThat(r.connectsOk()).isEqualTo(4);
            assertThat(pool.remoteAddresses).containsOnly("127.0.0.2", "127.0.0.3").hasSize(4);
            assertThat(r.failures()).isEmpty();
        }
    }

    private static LoadPlan plan(int port, int miners, double perMinute, long durationMillis, long rampMillis) {
        LoadProfile p = new LoadProfile("custom", miners, perMinute, Duration.ofMillis(durationMillis), Duration.ofMillis(rampMillis));
        return new LoadPlan(p, "127.0.0.1", port, LoadPlan.DEFAULT_ADDRESS, "x", false);
    }
}
