package org.tbg.pool.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.tbg.bitcoin.address.AddressDecoder;
import org.tbg.bitcoin.address.InvalidAddressException;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.session.WorkerName;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.JobFactory;
import org.tbg.pool.work.TestTemplates;
import org.tbg.pool.work.UnsupportedTemplateException;
import org.tbg.pool.work.WorkManager;
import org.tbg.stratum.codec.StratumRequestDecoder;
import org.tbg.stratum.message.StratumError;
import org.tbg.stratum.message.StratumRequest;

/**
 * {@code mining.submit} lines, decoded as the server decodes them, against fixed jobs: every share
 * gets a verdict (accepted, or an error with a reason) and never an exception; a share the
 * validator hashed is judged on the header the miner's fields describe, rebuilt here independently
 * (full merkle tree, JDK SHA-256): it is a block exactly when that header's hash meets the target,
 * and a resubmitted header is a duplicate exactly when it was hashed before on the session.
 *
 * <p>Job ids in the seeds are the aliases {@code easy}, {@code hard} and {@code stale} (real ids
 * start with the pool's start time); any other id goes to the validator as sent.
 */
@Tag("fuzz")
class ShareValidatorFuzzTest {
    // BIP173's P2WPKH example, re-encoded for regtest (as ShareValidatorTest).
    private static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final String EXTRANONCE1 = "0a0b0c0d";
    private static final int EXTRANONCE2_LENGTH = 8;
    private static final int VERSION_MASK = 0x1fffe000;
    /** Template time, so that the seeds' ntime values stay in range: 0x6553f100. */
    private static final long CUR_TIME = 1_700_000_000L;
    /** The pdiff difficulty-1 target, 0x00000000FFFF0000…0000 (spec/stratum.md). */
    private static final BigDecimal DIFF1 = new BigDecimal(BigInteger.valueOf(0xFFFFL).shiftLeft(208));

    private static final Jobs JOBS = new Jobs();
    private final ShareValidator validator = new ShareValidator(JOBS.work, EXTRANONCE2_LENGTH);

    /** Three jobs published once: one on an old tip (stale), two on the current one at different targets. */
    private static final class Jobs {
        final WorkManager work = new WorkManager();
        final Job stale;
        final Job easy;
        final Job hard;
        final Map<String, String> aliases;
        final PayoutScript payout;

        Jobs() {
            JobFactory factory = new JobFactory(EXTRANONCE1.length() / 2, EXTRANONCE2_LENGTH, 0);
            try {
                payout = AddressDecoder.decode(ADDRESS, Network.REGTEST);
                stale = factory.create(atFixedTime(TestTemplates.template(700, TestTemplates.EASY_BITS, 2, 1)), true);
                work.publish(stale);
                // EASY_BITS: about every other hash is a block; HARD_BITS: none is. Same seed: same tip.
                easy = factory.create(atFixedTime(TestTemplates.template(701, TestTemplates.EASY_BITS, 3, 2)), true);
                work.publish(easy);
                hard = factory.create(atFixedTime(TestTemplates.template(701, TestTemplates.HARD_BITS, 3, 2)), false);
                work.publish(hard);
            } catch (InvalidAddressException | UnsupportedTemplateException e) {
                throw new IllegalStateException(e);
            }
            aliases = Map.of("stale", stale.id(), "easy", easy.id(), "hard", hard.id());
        }
    }

    @FuzzTest(maxDuration = "20s")
    void everySubmitGetsAVerdictAndOnlyRealBlocksAreBlocks(byte[] input) throws Exception {
        Session session = newSession();
        Set<String> hashedHeaders = new HashSet<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                if (StratumRequestDecoder.decode(input, start, i - start) instanceof StratumRequest r) {
                    judge(session, withRealJobId(r.params()), hashedHeaders);
                }
                start = i + 1;
            }
        }
    }

    private void judge(Session session, JsonNode params, Set<String> hashedHeaders) throws Exception {
        ShareResult r = validator.validate(session, params, 0);
        assertThat(r).isNotNull();
        if (r.accepted()) {
            assertThat(r.reason()).isNull();
            assertThat(r.worker()).isNotNull();
            assertThat(r.job()).isNotNull();
            assertThat(r.hash()).isNotNull();
        } else {
            assertThat(r.reason()).isNotBlank();
            if (r.reason().equals("Stale")) {
                assertThat(r.error()).isEqualTo(StratumError.JOB_NOT_FOUND);
            }
        }
        if (r.shareDiff() == 0) {
            assertThat(r.block()).as("a block from a share never hashed: %s", params).isNull();
            return;
        }

        Job job = r.job();
        byte[] header = header(job, session, params);
        BigInteger hash = new BigInteger(1, Bytes.reversed(sha256d(header)));
        boolean meetsTarget = hash.compareTo(targetFromBits(job.bits())) <= 0;
        boolean stale = "Stale".equals(r.reason());
        if (!stale) {
            boolean seenBefore = !hashedHeaders.add(Hex.encode(header));
            assertThat(r.error() == StratumError.DUPLICATE).as("duplicate verdict on %s", params).isEqualTo(seenBefore);
        }
        if (r.error() != StratumError.DUPLICATE) { // a duplicate block was handed over the first time
            assertThat(r.block() != null).as("block verdict on %s (hash %s)", params, hash.toString(16)).isEqualTo(meetsTarget);
        }
        BigDecimal expectedDiff = DIFF1.divide(new BigDecimal(hash), MathContext.DECIMAL64);
        assertThat(r.shareDiff()).isCloseTo(expectedDiff.doubleValue(), withinPercentage(1e-8));
        if (r.accepted() && r.block() == null) {
            assertThat(r.shareDiff()).isGreaterThanOrEqualTo(r.targetDiff());
        }
        if (r.block() != null) {
            byte[] block = Hex.decode(r.block().blockHex());
            assertThat(Arrays.copyOf(block, 80)).as("the submitted block's header").isEqualTo(header);
            assertThat(r.block().hash()).isEqualTo(String.format("%064x", hash));
        }
    }

    private static Session newSession() {
        Session s = new Session(1, "127.0.0.1", 0, 1);
        s.subscribe(EXTRANONCE1, "fuzz/1.0");
        s.versionMask(VERSION_MASK, VERSION_MASK);
        byte[] tag = "/tbg-fuzz/".getBytes(StandardCharsets.US_ASCII);
        for (String username : List.of(ADDRESS + ".rig", ADDRESS + ".\u26cf\ufe0f\u200b")) {
            s.authorize(new Worker(username, WorkerName.parse(username), JOBS.payout), tag);
        }
        issue(s, JOBS.stale, 1e-12);
        issue(s, JOBS.easy, 4e-10);  // non-block hashes on EASY_BITS reach 2.3e-10…4.7e-10: some pass, some are low
        issue(s, JOBS.hard, 3e-10);
        return s;
    }

    private static void issue(Session s, Job job, double difficulty) {
        s.nextDifficulty(difficulty);
        s.issue(job.id(), false);
    }

    private static JsonNode withRealJobId(JsonNode params) {
        String real = params.size() > 1 && params.get(1).isTextual() ? JOBS.aliases.get(params.get(1).textValue()) : null;
        if (real == null) {
            return params;
        }
        ArrayNode copy = ((ArrayNode) params).deepCopy();
        copy.set(1, copy.textNode(real));
        return copy;
    }

    /**
     * The header the submit describes (spec/stratum.md step 7): version with the masked bits rolled,
     * the job's previous block, the merkle root over coinbase txid and template txids, ntime, bits, nonce.
     */
    private static byte[] header(Job job, Session s, JsonNode params) throws NoSuchAlgorithmException {
        byte[] coinbase = job.coinbaseFor(s.payoutKey()).parts()
                .assemble(s.extranonce1(), Hex.decode(params.get(2).textValue()));
        List<byte[]> leaves = new ArrayList<>();
        leaves.add(sha256d(coinbase));
        for (TemplateTransaction t : job.template().transactions()) {
            leaves.add(t.txid());
        }
        int version = job.version();
        if (params.size() == 6) {
            int bits = Integer.parseUnsignedInt(params.get(5).textValue(), 16);
            version = (version & ~s.versionMask()) | (bits & s.versionMask());
        }
        return ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(version)
                .put(job.prevHash())
                .put(Merkle.root(leaves))
                .putInt(Integer.parseUnsignedInt(params.get(3).textValue(), 16))
                .putInt(job.bits())
                .putInt(Integer.parseUnsignedInt(params.get(4).textValue(), 16))
                .array();
    }

    private static byte[] sha256d(byte[] data) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return sha.digest(sha.digest(data));
    }

    /** The compact nBits form: 3-byte mantissa times 256^(exponent - 3); our jobs' bits are positive. */
    private static BigInteger targetFromBits(int bits) {
        int exponent = bits >>> 24;
        BigInteger mantissa = BigInteger.valueOf(bits & 0x007fffff);
        return exponent <= 3 ? mantissa.shiftRight(8 * (3 - exponent)) : mantissa.shiftLeft(8 * (exponent - 3));
    }

    private static BlockTemplate atFixedTime(BlockTemplate t) {
        return new BlockTemplate(t.version(), t.previousBlockHash(), t.transactions(), t.coinbaseValue(), t.bits(),
                t.target(), CUR_TIME, CUR_TIME - 600, t.height(), t.defaultWitnessCommitment(), t.rules(), t.mutable(),
                t.longPollId(), t.sizeLimit(), t.weightLimit(), t.sigOpLimit());
    }
}
