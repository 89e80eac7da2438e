package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.pool.PoolStats;
import org.tbg.pool.limits.LimitSettings;
import org.tbg.stratum.miner.MinerStats;
import org.tbg.testkit.DevnetNode;

/**
 * 500 connections in bursts of 100 from one address (127.0.0.2; on Linux all of 127.0.0.0/8 is
 * loopback) against {@code max_conn_per_ip} 60 and {@code conn_per_ip_per_min} 120, while an honest
 * miner on 127.0.0.1 mines and a newcomer on 127.0.0.3 is let in. What the client sees admitted
 * and refused must match the rules and the pool's refusal counter exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLimitsIT {
    private static final int CAP = 60;
    private static final int PER_MINUTE = 120;
    private static final int BURST = 100;
    private static final String HONEST = TestAddresses.payout(AddressType.P2WPKH, "limits-honest").address() + ".honest";

    private DevnetNode node;
    private PoolHarness pool;
    private BackgroundMiner honest;

    @BeforeAll
    void start() throws Exception {
        node = DevnetNode.start();
        TestSettings s = new TestSettings(List.of(node.endpoint()), Files.createTempDirectory("tbg-it-limits"));
        s.limits = LimitSettings.DEFAULTS.withConnectionsPerIp(PER_MINUTE, CAP);
        pool = PoolHarness.start(s);
        honest = BackgroundMiner.start(pool.port(), HONEST, "d=1");
        await().atMost(Duration.ofSeconds(30)).until(() -> honest.stats().sharesAccepted() >= 2);
    }

    @AfterAll
    void stop() {
        if (honest != null) honest.close();
        if (pool != null) pool.close();
        if (node != null) node.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void burstsFromOneAddressMeetItsCapAndRateWhileOthersMine() throws Exception {
        InetAddress flooder = InetAddress.getByName("127.0.0.2");
        PoolStats stats = pool.pool().stats();
        int baseline = stats.connections().get();
        long honestBefore = honest.stats().sharesAccepted();
        long t0 = System.nanoTime();

        // 1: a burst while nothing is open: the cap (60) bites before the rate (120 a minute)
        List<Socket> held = admittedOf(AdmissionProbe.connectAll(pool.port(), flooder, BURST));
        assertThat(held).as("burst 1 admitted").hasSize(CAP);
        // 2: another burst while those 60 are held: the cap refuses all of it
        assertThat(admittedOf(AdmissionProbe.connectAll(pool.port(), flooder, BURST))).as("burst 2 admitted").isEmpty();
        // a newcomer from another address is let in meanwhile
        assertThat(AdmissionProbe.admittedOnce(pool.port(), InetAddress.getByName("127.0.0.3"))).isTrue();
        releaseAll(held, baseline);

        // 3: 60 tokens are left in the bucket: the cap again decides
        held = admittedOf(AdmissionProbe.connectAll(pool.port(), flooder, BURST));
        assertThat(held).as("burst 3 admitted").hasSize(CAP);
        releaseAll(held, baseline);

        // 4, 5: the bucket is empty; only what refilled (2 a second) gets in
        int late = 0;
        for (int burst = 4; burst <= 5; burst++) {
            held = admittedOf(AdmissionProbe.connectAll(pool.port(), flooder, BURST));
            late += held.size();
            releaseAll(held, baseline);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(late).as("admitted in bursts 4-5 after %.1f s", seconds)
                .isLessThanOrEqualTo((int) Math.ceil(seconds * PER_MINUTE / 60.0) + 1);

        int admitted = CAP + CAP + late;
        int refused = 5 * BURST - admitted;
        Map<String, Long> refusals = stats.refusalsByReason();
        assertThat(refusals.get("max_conn_per_ip")).as("bursts 1-3 over the cap").isEqualTo(40L + BURST + 40L);
        assertThat(refusals.get("conn_per_ip_per_min")).as("bursts 4-5 over the rate").isEqualTo(2L * BURST - late);
        assertThat(refusals.values().stream().mapToLong(Long::longValue).sum()).as("client-side refusals").isEqualTo(refused);

        await().atMost(Duration.ofSeconds(20)).until(() -> honest.stats().sharesAccepted() > honestBefore);
        MinerStats h = honest.stats();
        assertThat(h.sharesRejected()).as("honest rejects %s", h.rejectsByReason()).isZero();
        assertThat(honest.running()).isTrue();
    }

    private static List<Socket> admittedOf(List<Socket> sockets) {
        List<Socket> kept = new ArrayList<>();
        for (Socket s : sockets) {
            if (AdmissionProbe.admitted(s)) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** Closes {@code held} and waits until the pool has seen every one of them go. */
    private void releaseAll(List<Socket> held, int baseline) {
        held.forEach(AdmissionProbe::closeQuietly);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.pool().stats().connections().get() <= baseline);
    }
}
