package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.pool.limits.LimitSettings;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.testkit.DevnetNode;

/**
 * A connection that sends invalid shares faster than {@code invalid_shares_per_min} (10 here) walks
 * the storm sequence: fresh work after the 11th reject, {@code client.reconnect} after the 22nd,
 * closed after the 33rd; its address is then refused for {@code ban_seconds} (2 s here), and
 * admitted again once the ban has expired. Another address is never affected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidShareStormIT {
    private static final int PER_MINUTE = 10;
    private static final Duration BAN = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String WORKER = TestAddresses.payout(AddressType.P2WPKH, "storm").address() + ".storm";

    private DevnetNode node;
    private PoolHarness pool;

    @BeforeAll
    void start() throws Exception {
        node = DevnetNode.start();
        TestSettings s = new TestSettings(List.of(node.endpoint()), Files.createTempDirectory("tbg-it-storm"));
        s.limits = LimitSettings.DEFAULTS.withInvalidShares(PER_MINUTE, BAN);
        pool = PoolHarness.start(s);
    }

    @AfterAll
    void stop() {
        if (pool != null) pool.close();
        if (node != null) node.close();
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void aStormGetsFreshWorkThenReconnectThenCloseAndABanThatExpires() throws Exception {
        InetAddress stormer = InetAddress.getByName("127.0.0.5");
        long lastStepStarted;
        try (RawStratumConnection c = RawStratumConnection.open(pool.port(), stormer)) {
            c.subscribe();
            c.authorize(WORKER, "x");
            NotifyJob first = c.awaitJob(j -> true, WAIT);

            rejects(c, first, PER_MINUTE + 1);
            NotifyJob fresh = c.awaitJob(NotifyJob::cleanJobs, WAIT); // step 1: a clean job
            assertThat(fresh.jobId()).isEqualTo(first.jobId());
            assertThat(c.notificationMethods()).doesNotContain("client.reconnect");

            rejects(c, first, PER_MINUTE + 1);
            assertThat(c.call("mining.extranonce.subscribe").get("result").asBoolean()).isTrue(); // reads past the notification
            assertThat(c.notificationMethods()).as("step 2").containsOnlyOnce("client.reconnect");

            lastStepStarted = System.nanoTime(); // the ban starts after this, and before the close is seen
            rejects(c, first, PER_MINUTE + 1);
            assertThat(c.closedWithin(WAIT)).as("step 3: closed").isTrue();
        }
        long bannedAt = System.nanoTime();
        assertThat(pool.pool().stats().bans()).isEqualTo(1);

        assertThat(AdmissionProbe.admittedOnce(pool.port(), stormer)).as("refused while banned").isFalse();
        assertThat(AdmissionProbe.admittedOnce(pool.port(), InetAddress.getByName("127.0.0.6"))).as("another address").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - bannedAt)).as("both checks ran within the ban").isLessThan(BAN);
        assertThat(pool.pool().stats().refusalsByReason().get("banned")).isEqualTo(1L);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> AdmissionProbe.admittedOnce(pool.port(), stormer));
        assertThat(Duration.ofNanos(System.nanoTime() - lastStepStarted)).as("admitted only after the ban").isGreaterThanOrEqualTo(BAN);
    }

    /** {@code n} shares on a job id the pool never issued, each answered "Job not found". */
    private static void rejects(RawStratumConnection c, NotifyJob job, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            JsonNode reply = c.call("mining.submit", WORKER, "feedfacefeedface", "0000000000000000", job.ntime(), "00000000");
            assertThat(reply.path("error").path(0).asInt()).as("reject %d: %s", i, reply).isEqualTo(21);
        }
    }
}
