package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.pool.limits.LimitSettings;
import org.tbg.stratum.message.NotifyJob;

/**
 * An honest miner's share round trip (submit written → verdict read) before and while three
 * clients on other addresses send the hostile input of the abuse list over and over. The chain has
 * difficulty 1 and shares difficulty 0.00001, and the honest shares are ground to miss the block
 * target, so the tip never moves: every one of them must be accepted, and the median round trip
 * under the flood must stay within a generous multiple of the quiet one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTrafficLatencyIT {
    private static final Logger log = LoggerFactory.getLogger(HostileTrafficLatencyIT.class);
    private static final double SHARE_DIFFICULTY = 0.00001;
    private static final int SAMPLES = 31;
    /** Shares sent before measuring, so the quiet median is not the JIT compiler's. */
    private static final int WARM_UP = 40;
    /**
     * Pause of each flood thread between hostile connections: the flood should load the pool, not
     * starve a two-core machine of CPU for the test's own threads (that would be the test's noise).
     */
    private static final long FLOOD_PAUSE_MILLIS = 1;
    /** The flood may slow the honest median by this factor (two cores, shared by flood and pool)… */
    private static final long SLOWDOWN_FACTOR = 5;
    /** …plus this, so a sub-millisecond quiet median is not held to timer noise. */
    private static final long NOISE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final String HONEST = TestAddresses.payout(AddressType.P2WPKH, "latency-honest").address() + ".honest";

    private Devnet devnet;
    private PoolHarness pool;

    @BeforeAll
    void start() throws Exception {
        devnet = new Devnet(DevnetOptions.builder().rpcHost("127.0.0.1").rpcPort(0)
                .rpcCredentials("tbg-test", "devnet-test").difficulty(1).build()).start();
        TestSettings s = new TestSettings(List.of(devnet.endpoint()), Files.createTempDirectory("tbg-it-hostile"));
        s.minDiff = SHARE_DIFFICULTY;
        s.startDiff = SHARE_DIFFICULTY;
        s.maxDiff = SHARE_DIFFICULTY;
        s.limits = LimitSettings.DEFAULTS.withConnectionsPerIp(0, 0); // the hostile input must be served, not refused at the door
        pool = PoolHarness.start(s);
    }

    @AfterAll
    void stop() {
        if (pool != null) pool.close();
        if (devnet != null) devnet.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void hostileTrafficOnOtherConnectionsDoesNotRejectOrDelayAnHonestMinersShares() throws Exception {
        try (RawStratumConnection honest = RawStratumConnection.open(pool.port())) {
            honest.subscribe();
            honest.authorize(HONEST, "x");
            long[] extranonce2 = {0};
            roundTrips(honest, extranonce2, WARM_UP);
            long quiet = median(roundTrips(honest, extranonce2, SAMPLES));

            long during;
            long hostileRequests;
            try (Flood flood = Flood.start(pool.port(), List.of("127.0.0.2", "127.0.0.3", "127.0.0.4"))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> flood.done.get() >= 20);
                long before = flood.done.get();
                during = median(roundTrips(honest, extranonce2, SAMPLES));
                hostileRequests = flood.done.get() - before;
                assertThat(flood.unexpected).as("every hostile request got its error or close").isEmpty();
            }
            log.info("honest median share round trip: {} µs quiet, {} µs under {} hostile requests", quiet / 1000, during / 1000, hostileRequests);
            assertThat(hostileRequests).as("hostile requests answered while the honest miner was measured").isGreaterThan(SAMPLES);
            assertThat(during).as("honest median round trip under the flood (ns); quiet: %d ns", quiet)
                    .isLessThanOrEqualTo(SLOWDOWN_FACTOR * quiet + NOISE_NANOS);
            assertThat(pool.pool().stats().sharesAccepted()).isEqualTo(WARM_UP + 2L * SAMPLES);
        }
    }

    /** {@code count} valid shares, each ground for the newest job; the round trip of each, in ns. */
    private List<Long> roundTrips(RawStratumConnection c, long[] extranonce2, int count) throws Exception {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NotifyJob job = c.newestJob();
            Target target = Difficulty.targetFor(c.difficultyOf(job.jobId()));
            Target block = GroundShare.networkTarget(job);
            // one share in 100,000 would be a block, move the tip and make the next share stale
            GroundShare share = GroundShare.find(job, c.extranonce1(), GroundShare.extranonce2(++extranonce2[0], c.extranonce2Size()),
                    h -> target.isMetBy(h) && !block.isMetBy(h), 1L << 26);
            long t0 = System.nanoTime();
            JsonNode reply = c.call("mining.submit", share.submitParams(HONEST).toArray());
            out.add(System.nanoTime() - t0);
            assertThat(reply.get("result").asBoolean()).as("honest share %d: %s", i, reply).isTrue();
        }
        return out;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Threads that each open connection after connection from one address and send one hostile request on each. */
    private static final class Flood implements AutoCloseable {
        private static final Duration ANSWER = Duration.ofSeconds(5);

        final AtomicLong done = new AtomicLong();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;

        static Flood start(int port, List<String> addresses) throws Exception {
            Flood f = new Flood();
            for (String a : addresses) {
                InetAddress local = InetAddress.getByName(a);
                Thread t = new Thread(() -> f.run(port, local), "it-flood-" + a);
                t.setDaemon(true);
                f.threads.add(t);
                t.start();
            }
            return f;
        }

        private void run(int port, InetAddress local) {
            for (int i = 0; !stopped; i++) {
                int kind = i % 7;
                try (RawStratumConnection c = RawStratumConnection.open(port, local)) {
                    switch (kind) {
                        case 0 -> c.sendRaw(HostileRequests.randomLine(i, 1024));
                        case 1 -> c.sendLine(HostileRequests.subscribeWithParameterOf(128 * 1024));
                        case 2 -> c.sendLine(HostileRequests.methodOf(i % 2 == 0 ? "null" : "{\"a\":1}"));
                        case 3 -> c.sendLine(HostileRequests.nestedParams(1000));
                        case 4 -> c.sendRaw(HostileRequests.nulBytesInAString());
                        case 5 -> c.sendRaw(HostileRequests.PARTIAL.getBytes(StandardCharsets.US_ASCII)); // and drop
                        default -> {
                            c.subscribe();
                            JsonNode r = c.call("mining.authorize", HostileRequests.SQL_INJECTION, "x");
                            expect(r.path("result").isBoolean() && !r.get("result").asBoolean(), kind, r);
                        }
                    }
                    if (kind <= 4) {
                        JsonNode r = c.nextReply();
                        expect(r.path("error").path(0).asInt() == 20, kind, r);
                        expect(c.closedWithin(ANSWER), kind, "still open");
                    }
                    done.incrementAndGet();
                    Thread.sleep(FLOOD_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | AssertionError e) {
                    if (!stopped) {
                        unexpected.add("case " + kind + ": " + e);
                    }
                }
            }
        }

        private void expect(boolean ok, int kind, Object got) {
            if (!ok) {
                unexpected.add("case " + kind + ": " + got);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }
}
