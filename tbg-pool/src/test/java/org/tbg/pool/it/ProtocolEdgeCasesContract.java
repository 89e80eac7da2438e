package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;
import org.tbg.pool.limits.LimitSettings;
import org.tbg.pool.share.ShareResult;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;
import org.tbg.stratum.miner.MinerStats;
import org.tbg.testkit.TestNode;

/**
 * What the pool answers to each malformed or misplaced request of spec/stratum.md, sent over a
 * raw socket, while an honest CPU miner mines on its own connection the whole time and must not
 * notice anything.
 *
 * <p>On regtest nearly every hash is a block, so the honest miner moves the tip many times a
 * second. It runs at difficulty 1 ({@code d=1}): it then submits only its one block candidate per
 * job, right after each notify, which leaves almost no window for a stale share. The raw
 * client's own shares may still land on a job the honest miner just made stale; such attempts are
 * retried on the next job (bounded), since "Stale" is then the right answer to a different case.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProtocolEdgeCasesContract {

    /** The node this run of the contract uses. */
    abstract TestNode startNode();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Attempts at a share case before giving up on a tip that never holds still long enough. */
    private static final int MAX_ATTEMPTS = 20;
    /** The pool's {@code max_line_bytes} (TestSettings). */
    private static final int MAX_LINE = 4096;

    private static final String HONEST_WORKER =
            TestAddresses.payout(AddressType.P2WPKH, "edge-honest").address() + ".honest";
    private static final String RAW_ADDRESS = TestAddresses.payout(AddressType.P2WPKH, "edge-raw").address();
    private static final String RAW_WORKER = RAW_ADDRESS + ".raw";

    private TestNode node;
    private PoolHarness pool;
    private CountingTcpProxy minerLink;
    private BackgroundMiner honest;
    private long honestAcceptedAtStart;

    @BeforeAll
    void start() throws Exception {
        node = startNode();
        TestSettings settings = new TestSettings(List.of(node.endpoint()), Files.createTempDirectory("tbg-it-edge"));
        // Dozens of connections from 127.0.0.1 within a minute: the per-address rate has its own IT.
        settings.limits = LimitSettings.DEFAULTS.withConnectionsPerIp(0, LimitSettings.DEFAULT_MAX_CONNECTIONS_PER_IP);
        pool = PoolHarness.start(settings);
        minerLink = CountingTcpProxy.start(pool.port());
        honest = BackgroundMiner.start(minerLink.port(), HONEST_WORKER, "d=1");
        await().atMost(Duration.ofSeconds(30)).until(() -> honest.stats().sharesAccepted() >= 3);
        honestAcceptedAtStart = honest.stats().sharesAccepted();
    }

    @AfterAll
    void stop() throws Exception {
        if (honest != null) honest.close();
        if (minerLink != null) minerLink.close();
        if (pool != null) pool.close();
        if (node != null) node.close();
    }

    // ---- framing --------------------------------------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void invalidJsonGetsAnErrorAndTheConnectionIsClosed() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendLine("{\"id\":7,\"method\":\"mining.subscribe\",\"params\":[}");
            JsonNode reply = c.nextReply();
            assertThat(reply.get("id")).as("id is known: echoed").isEqualTo(JSON.readTree("7"));
            assertError(reply, 20);
            assertThat(reply.get("error").get(1).asText()).containsIgnoringCase("json");
            assertThat(c.closedWithin(WAIT)).as("closed after invalid JSON").isTrue();
        }
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendLine("hello pool");
            JsonNode reply = c.nextReply();
            assertThat(reply.get("id").isNull()).as("no id to echo: %s", reply).isTrue();
            assertError(reply, 20);
            assertThat(c.closedWithin(WAIT)).as("closed after a line that is not JSON").isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLineOfExactly4096BytesIsServedAndOneByteMoreIsRefusedAndClosed() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendLine(subscribeOfLength(MAX_LINE));
            JsonNode reply = c.nextReply();
            assertThat(reply.path("result").isArray()).as("4096-byte subscribe answered: %s", reply).isTrue();
            assertThat(reply.get("error").isNull()).isTrue();
        }
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendLine(subscribeOfLength(MAX_LINE + 1));
            JsonNode reply = c.nextReply();
            assertThat(reply.get("id").isNull()).as("the line was never parsed: id null in %s", reply).isTrue();
            assertError(reply, 20);
            assertThat(reply.get("error").get(1).asText()).containsIgnoringCase("too long");
            assertThat(c.closedWithin(WAIT)).as("closed after a line over 4096 bytes").isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnknownMethodIsAnsweredAndTheConnectionStaysOpen() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendLine("{\"id\":\"q-1\",\"method\":\"mining.frobnicate\",\"params\":[]}");
            JsonNode reply = c.nextReply();
            assertThat(reply.get("id")).as("string id echoed").isEqualTo(JSON.readTree("\"q-1\""));
            assertThat(reply.get("error")).isEqualTo(JSON.readTree("[20,\"Unknown method\",null]"));

            JsonNode sub = c.subscribe();
            assertThat(sub.get("error").isNull()).isTrue();
            assertThat(sub.get("result").get(1).asText()).as("extranonce1").matches("[0-9a-f]{8}");
            assertThat(sub.get("result").get(2).asInt()).as("extranonce2 size").isEqualTo(8);
        }
    }

    // ---- hostile input (the seeds' abuse list) ----------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aKibibyteOfRandomBytesGetsAnErrorAndTheConnectionIsClosed() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendRaw(HostileRequests.randomLine(1, 1024));
            JsonNode reply = c.nextReply();
            assertThat(reply.get("id").isNull()).as("no id could be read: %s", reply).isTrue();
            assertError(reply, 20);
            assertThat(c.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aParameterOf128KibIsRefusedAsTooLongAndTheReplyIsReadableBeforeTheClose() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendLine(HostileRequests.subscribeWithParameterOf(128 * 1024));
            JsonNode reply = c.nextReply();
            assertError(reply, 20);
            assertThat(reply.get("error").get(1).asText()).containsIgnoringCase("too long");
            assertThat(c.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aMethodThatIsNullANumberOrAnObjectIsRefusedAndTheConnectionIsClosed() throws Exception {
        for (String method : List.of("null", "42", "{\"name\":\"mining.subscribe\"}", "[\"mining.subscribe\"]")) {
            try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
                c.sendLine(HostileRequests.methodOf(method));
                JsonNode reply = c.nextReply();
                assertThat(reply.get("id")).as("method %s: id echoed", method).isEqualTo(JSON.readTree("4"));
                assertThat(reply.get("error")).as("method %s", method)
                        .isEqualTo(JSON.readTree("[20,\"method is not a string\",null]"));
                assertThat(c.closedWithin(WAIT)).as("closed after method %s", method).isTrue();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void jsonNestedAThousandDeepIsRefusedAndTheConnectionIsClosed() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendLine(HostileRequests.nestedParams(1000));
            JsonNode reply = c.nextReply();
            assertThat(reply.get("id")).as("the id came before the nesting: echoed").isEqualTo(JSON.readTree("5"));
            assertError(reply, 20);
            assertThat(reply.get("error").get(1).asText()).contains("nested");
            assertThat(c.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void rawNulBytesAreInvalidJsonAndAnEscapedNulInAUsernameIsAnInvalidUsername() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendRaw(HostileRequests.nulBytesInAString());
            JsonNode reply = c.nextReply();
            assertThat(reply.get("id")).isEqualTo(JSON.readTree("6"));
            assertError(reply, 20);
            assertThat(reply.get("error").get(1).asText()).containsIgnoringCase("json");
            assertThat(c.closedWithin(WAIT)).isTrue();
        }
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.subscribe();
            JsonNode reply = c.call("mining.authorize", RAW_ADDRESS + ".rig\u0000\n2024-01-01 INFO forged", "x");
            assertReject(reply, 24, "invalid username");
            assertThat(c.call("mining.extranonce.subscribe").get("result")).as("still served").isEqualTo(JSON.readTree("true"));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aPartialRequestThenACloseLeavesNothingBehind() throws Exception {
        // only the honest miner's connection, once earlier tests' closing connections are gone
        int before = 1;
        await().atMost(WAIT).until(() -> pool.pool().stats().connections().get() == before);
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.sendRaw(HostileRequests.PARTIAL.getBytes(StandardCharsets.US_ASCII));
            await().atMost(WAIT).until(() -> pool.pool().stats().connections().get() == before + 1);
        }
        await().atMost(WAIT).until(() -> pool.pool().stats().connections().get() == before);
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            assertThat(c.subscribe().get("error").isNull()).as("the pool still serves").isTrue();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sqlInjectionEmojiAndZeroWidthUsernamesGetTheAnswerTheirAddressDeserves() throws Exception {
        // not an address at all, and an address spoilt by an invisible character: refused, connection kept
        for (String user : List.of(HostileRequests.SQL_INJECTION, HostileRequests.zeroWidthInAddress(RAW_ADDRESS))) {
            try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
                c.subscribe();
                JsonNode reply = c.call("mining.authorize", user, "x");
                assertThat(reply.get("result")).as("authorize %s: %s", user, reply).isEqualTo(JSON.readTree("false"));
                assertThat(reply.get("error").get(0)).isEqualTo(JSON.readTree("24"));
                assertThat(reply.get("error").get(1).asText()).startsWith("invalid address: ");
                assertThat(c.call("mining.extranonce.subscribe").get("result")).isEqualTo(JSON.readTree("true"));
            }
        }
        // a valid address with any printable label is a worker like any other: its label is data
        for (String user : List.of(HostileRequests.sqlInjectionWorker(RAW_ADDRESS), HostileRequests.emojiWorker(RAW_ADDRESS))) {
            try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
                c.subscribe();
                c.authorize(user, "x");
                NotifyJob job = c.newestJob();
                JsonNode reply = c.call("mining.submit", user, "feedfacefeedface", "0000000000000000", job.ntime(), "00000000");
                assertReject(reply, 21, "Job not found"); // judged as this worker's share: it is authorized
            }
        }
    }

    // ---- order of the handshake -----------------------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aSubmitBeforeSubscribeIsRejectedAsNotSubscribed() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            JsonNode reply = c.call("mining.submit", RAW_WORKER, "0000000000000001", "0000000000000000", "00000000", "00000000");
            assertReject(reply, 25, "Not subscribed");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aSubmitBeforeAuthorizeOrForAnotherWorkerIsUnauthorized() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.subscribe();
            JsonNode reply = c.call("mining.submit", RAW_WORKER, "0000000000000001", "0000000000000000", "00000000", "00000000");
            assertReject(reply, 24, "Unauthorized worker");

            c.authorize(RAW_WORKER, "x");
            NotifyJob job = c.newestJob();
            String stranger = TestAddresses.payout(AddressType.P2WPKH, "edge-stranger").address() + ".x";
            JsonNode other = c.call("mining.submit", stranger, job.jobId(), "0000000000000000", job.ntime(), "00000000");
            assertReject(other, 24, "Unauthorized worker");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anInvalidAddressIsRefusedAtAuthorize() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.subscribe();
            // garbage; then a valid mainnet address (BIP173 test vector) on a regtest pool
            long failures = 0;
            for (String user : List.of("notanaddress.rig1", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4.rig2")) {
                long t0 = System.nanoTime();
                JsonNode reply = c.call("mining.authorize", user, "x");
                if (failures++ > 0) {
                    // authorize-failure backoff: the second failure on a connection is answered after 1 s
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
                }
                assertThat(reply.get("result")).as("authorize %s: %s", user, reply).isEqualTo(JSON.readTree("false"));
                JsonNode err = reply.get("error");
                assertThat(err.isArray() && err.size() == 3).as("error triple in %s", reply).isTrue();
                assertThat(err.get(0)).isEqualTo(JSON.readTree("24"));
                assertThat(err.get(1).asText()).startsWith("invalid address: ").hasSizeGreaterThan("invalid address: ".length());
                assertThat(err.get(2).isNull()).isTrue();
            }
            // refused workers are not authorized: their shares are not taken
            JsonNode reply = c.call("mining.submit", "notanaddress.rig1", "0000000000000001", "0000000000000000", "00000000", "00000000");
            assertReject(reply, 24, "Unauthorized worker");
        }
    }

    // ---- malformed submits ----------------------------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aNonceThatIsNotHexIsInvalid() throws Exception {
        try (RawStratumConnection c = authorizedConnection()) {
            NotifyJob job = c.newestJob();
            JsonNode reply = c.call("mining.submit", RAW_WORKER, job.jobId(), "0000000000000000", job.ntime(), "zzzzzzzz");
            assertRejectStartingWith(reply, 20, "Invalid nonce");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anExtranonce2OfTheWrongSizeIsInvalid() throws Exception {
        try (RawStratumConnection c = authorizedConnection()) {
            NotifyJob job = c.newestJob();
            JsonNode reply = c.call("mining.submit", RAW_WORKER, job.jobId(), "00000000", job.ntime(), "00000000");
            assertRejectStartingWith(reply, 20, "Invalid extranonce2");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnknownJobIsNotFound() throws Exception {
        try (RawStratumConnection c = authorizedConnection()) {
            NotifyJob job = c.newestJob();
            JsonNode reply = c.call("mining.submit", RAW_WORKER, "feedfacefeedface", "0000000000000000", job.ntime(), "00000000");
            assertReject(reply, 21, "Job not found");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anNtimeBeyondTheRollWindowOrBeforeMintimeIsOutOfRange() throws Exception {
        try (RawStratumConnection c = authorizedConnection()) {
            JsonNode late = submitOnFreshWork(c, job -> List.of(RAW_WORKER, job.jobId(), "0000000000000000",
                    GroundShare.hex32((int) (Long.parseLong(job.ntime(), 16) + 7001)), "00000000"));
            assertReject(late, 20, "Ntime out of range");
            JsonNode early = submitOnFreshWork(c, job -> List.of(RAW_WORKER, job.jobId(), "0000000000000001",
                    "00000001", "00000000"));
            assertReject(early, 20, "Ntime out of range");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void versionBitsOutsideTheNegotiatedMaskAreInvalid() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            JsonNode conf = c.call("mining.configure", List.of("version-rolling"),
                    Map.of("version-rolling.mask", "1fffe000", "version-rolling.min-bit-count", 2));
            assertThat(conf.get("result"))
                    .isEqualTo(JSON.readTree("{\"version-rolling\":true,\"version-rolling.mask\":\"1fffe000\"}"));
            c.subscribe();
            c.authorize(RAW_WORKER, "x");
            JsonNode reply = submitOnFreshWork(c, job -> List.of(RAW_WORKER, job.jobId(), "0000000000000000",
                    job.ntime(), "00000000", "e0000000"));
            assertRejectStartingWith(reply, 20, "Invalid version bits");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aShareWithRolledVersionBitsIsAcceptedAndMarksTheSessionAsAsicBoost() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.call("mining.configure", List.of("version-rolling"), Map.of("version-rolling.mask", "1fffe000"));
            c.subscribe();
            c.call("mining.suggest_difficulty", 0.00001);
            c.authorize(RAW_WORKER, "x");
            int before = pool.pool().stats().asicBoostMiners().get();
            for (int attempt = 1; ; attempt++) {
                NotifyJob job = c.newestJob();
                Target shareTarget = Difficulty.targetFor(c.difficultyOf(job.jobId()));
                GroundShare share = GroundShare.find(job, c.extranonce1(), GroundShare.extranonce2(attempt, c.extranonce2Size()),
                        shareTarget::isMetBy, 1L << 26, 0x00006000, 0x1fffe000);
                JsonNode reply = c.call("mining.submit", share.submitParams(RAW_WORKER).toArray());
                if (isStale(reply) && attempt < MAX_ATTEMPTS) {
                    c.awaitJob(j -> !j.prevHash().equals(job.prevHash()), WAIT);
                    continue;
                }
                assertThat(reply.get("result")).as("a share with rolled bits: %s", reply).isEqualTo(JSON.readTree("true"));
                break;
            }
            // The mark follows the reply on the connection's event loop.
            await().atMost(WAIT).until(() -> pool.pool().stats().asicBoostMiners().get() == before + 1);
        }
    }

    // ---- shares judged on their hash ------------------------------------------------------

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aShareOnTheJobOfAPreviousBlockIsStale() throws Exception {
        try (RawStratumConnection c = authorizedConnection()) {
            NotifyJob old = jobMadeStaleByANewBlock(c);
            JsonNode reply = c.call("mining.submit", RAW_WORKER, old.jobId(), "0000000000000000", old.ntime(), "00000000");
            assertReject(reply, 21, "Stale");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStaleShareSentTwiceIsStaleBothTimes() throws Exception {
        // spec order: the job check (3) comes before the duplicate check (6)
        try (RawStratumConnection c = authorizedConnection()) {
            NotifyJob old = jobMadeStaleByANewBlock(c);
            List<Object> share = List.of(RAW_WORKER, old.jobId(), "0000000000000000", old.ntime(), "00000000");
            assertReject(c.call("mining.submit", share.toArray()), 21, "Stale");
            assertReject(c.call("mining.submit", share.toArray()), 21, "Stale");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStaleShareWithAnNtimeOutOfRangeIsStale() throws Exception {
        // spec order: the job check (3) comes before the ntime check (5)
        try (RawStratumConnection c = authorizedConnection()) {
            NotifyJob old = jobMadeStaleByANewBlock(c);
            String farNtime = GroundShare.hex32((int) (Long.parseLong(old.ntime(), 16) + 7001));
            assertReject(c.call("mining.submit", RAW_WORKER, old.jobId(), "0000000000000000", farNtime, "00000000"), 21, "Stale");
        }
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void theSameValidShareTwiceIsADuplicate() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.subscribe();
            assertThat(c.call("mining.suggest_difficulty", 0.00001).get("result")).isEqualTo(JSON.readTree("true"));
            c.authorize(RAW_WORKER, "x");
            for (int attempt = 1; ; attempt++) {
                NotifyJob job = c.newestJob();
                Target shareTarget = Difficulty.targetFor(c.difficultyOf(job.jobId()));
                GroundShare share = GroundShare.find(job, c.extranonce1(),
                        GroundShare.extranonce2(attempt, c.extranonce2Size()), shareTarget::isMetBy, 1L << 26);
                // Both lines in one write: the pool reads them together, before any new job can clear its memory.
                long first = c.newId();
                long second = c.newId();
                String submit1 = RawStratumConnection.requestJson(first, "mining.submit", share.submitParams(RAW_WORKER).toArray());
                String submit2 = RawStratumConnection.requestJson(second, "mining.submit", share.submitParams(RAW_WORKER).toArray());
                c.sendRaw((submit1 + "\n" + submit2 + "\n").getBytes(StandardCharsets.US_ASCII));
                JsonNode r1 = c.reply(first);
                JsonNode r2 = c.reply(second);
                // A new block between the two lines makes the job stale, and staleness is judged first.
                if ((isStale(r1) || isStale(r2)) && attempt < MAX_ATTEMPTS) {
                    c.awaitJob(j -> !j.prevHash().equals(job.prevHash()), WAIT);
                    continue;
                }
                assertThat(r1.get("result")).as("first submit of a valid share: %s", r1).isEqualTo(JSON.readTree("true"));
                assertThat(r1.get("error").isNull()).isTrue();
                assertReject(r2, 22, "Duplicate share");

                // On regtest the share was a block too: the node holds exactly the header we built.
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(node.rpc().call("getblock", share.blockHashHex(), false).asText())
                                .startsWith(Hex.encode(share.header())));
                return;
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aShareBelowTheSuggestedDifficultyIsLowDifficulty() throws Exception {
        try (RawStratumConnection c = RawStratumConnection.open(pool.port())) {
            c.subscribe();
            assertThat(c.call("mining.suggest_difficulty", 1000).get("result")).isEqualTo(JSON.readTree("true"));
            c.authorize(RAW_WORKER, "x");
            NotifyJob first = c.awaitJob(j -> true, WAIT);
            assertThat(c.difficultyOf(first.jobId())).as("the first job carries the suggestion").isEqualTo(1000.0);

            Target shareTarget = Difficulty.targetFor(1000);
            long[] attempt = {0};
            JsonNode reply = submitOnFreshWork(c, job -> {
                // misses the share target and the network target (else it would be a block, accepted)
                GroundShare s = GroundShare.find(job, c.extranonce1(), GroundShare.extranonce2(++attempt[0], c.extranonce2Size()),
                        h -> !shareTarget.isMetBy(h) && !GroundShare.networkTarget(job).isMetBy(h), 1000);
                return s.submitParams(RAW_WORKER);
            });
            assertReject(reply, 23, "Low difficulty share");
        }
    }

    // ---- the bystander --------------------------------------------------------------------

    @Test
    @Order(Integer.MAX_VALUE)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theHonestMinerWasNeverDisturbed() {
        long before = honest.stats().sharesAccepted();
        await().atMost(WAIT).until(() -> honest.stats().sharesAccepted() > before);
        MinerStats s = honest.stats();
        // Blocks of the raw clients and of the node itself move the tip under the honest miner: a candidate
        // in flight at that moment is stale, which is mining, not a disturbance. Anything else is.
        assertThat(s.rejectsByReason().keySet()).as("honest miner rejects %s", s.rejectsByReason())
                .isSubsetOf(ShareResult.STALE);
        assertThat(s.sharesAccepted()).as("accepted since the start").isGreaterThan(honestAcceptedAtStart);
        assertThat(honest.running()).isTrue();
        assertThat(minerLink.accepted()).as("honest miner connections made").isEqualTo(1);
        assertThat(minerLink.open()).as("honest miner connections open").isEqualTo(1);
    }

    // ---- helpers --------------------------------------------------------------------------

    private RawStratumConnection authorizedConnection() throws Exception {
        RawStratumConnection c = RawStratumConnection.open(pool.port());
        try {
            c.subscribe();
            c.authorize(RAW_WORKER, "x");
            return c;
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    /** The newest job, after a block mined on the node itself has made it a job of a previous block. */
    private NotifyJob jobMadeStaleByANewBlock(RawStratumConnection c) throws Exception {
        NotifyJob old = c.newestJob();
        String generated = node.rpc().call("generatetoaddress", 1, node.generateAddress()).get(0).asText();
        String generatedPrev = PrevHash.toStratum(Bytes.reversed(Hex.decode(generated)));
        NotifyJob next = c.awaitJob(j -> j.prevHash().equals(generatedPrev), WAIT);
        assertThat(next.cleanJobs()).as("the job on the new block clears the old ones").isTrue();
        return old;
    }

    /**
     * Submits params built from the newest job. When that job went stale before the pool judged the
     * share, tries again on the next job: "Stale" would then answer another question than the test's.
     */
    private JsonNode submitOnFreshWork(RawStratumConnection c, Function<NotifyJob, List<Object>> params) throws Exception {
        for (int attempt = 1; ; attempt++) {
            NotifyJob job = c.newestJob();
            JsonNode reply = c.call("mining.submit", params.apply(job).toArray());
            if (!isStale(reply) || attempt == MAX_ATTEMPTS) {
                return reply;
            }
            c.awaitJob(j -> !j.prevHash().equals(job.prevHash()), WAIT);
        }
    }

    private boolean isStale(JsonNode reply) {
        return reply.path("error").path(1).asText("").equals("Stale");
    }

    /** A {@code mining.subscribe} request line of exactly {@code length} bytes (padded user agent). */
    private String subscribeOfLength(int length) {
        String head = "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"";
        String tail = "\"]}";
        String line = head + "x".repeat(length - head.length() - tail.length()) + tail;
        assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSize(length);
        return line;
    }

    private void assertError(JsonNode reply, int code) {
        JsonNode err = reply.get("error");
        assertThat(err != null && err.isArray() && err.size() == 3).as("error triple in %s", reply).isTrue();
        assertThat(err.get(0)).as("code in %s", reply).isEqualTo(JSON.getNodeFactory().numberNode(code));
        assertThat(err.get(1).isTextual() && !err.get(1).asText().isBlank()).as("reason in %s", reply).isTrue();
        assertThat(err.get(2).isNull()).isTrue();
    }

    /** {@code {"result": false, "error": [code, reason, null], "reject-reason": reason}} exactly. */
    private void assertReject(JsonNode reply, int code, String reason) {
        assertThat(reply.get("result")).as("result in %s", reply).isEqualTo(JSON.getNodeFactory().booleanNode(false));
        assertThat(reply.get("error")).as("error in %s", reply).isEqualTo(JSON.createArrayNode().add(code).add(reason).addNull());
        assertThat(reply.path("reject-reason").asText()).as("reject-reason in %s", reply).isEqualTo(reason);
    }

    /** As {@link #assertReject} for reasons the spec gives only the start of. */
    private void assertRejectStartingWith(JsonNode reply, int code, String reasonStart) {
        assertThat(reply.get("result")).as("result in %s", reply).isEqualTo(JSON.getNodeFactory().booleanNode(false));
        assertError(reply, code);
        String reason = reply.get("error").get(1).asText();
        assertThat(reason).startsWith(reasonStart);
        assertThat(reply.path("reject-reason").asText()).as("reject-reason in %s", reply).isEqualTo(reason);
    }
}
