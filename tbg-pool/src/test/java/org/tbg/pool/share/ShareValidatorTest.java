package org.tbg.pool.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Coin;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.address.AddressDecoder;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.bitcoin.target.Target;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.session.WorkerName;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.JobFactory;
import org.tbg.pool.work.TestTemplates;
import org.tbg.pool.work.WorkManager;
import org.tbg.stratum.message.StratumError;

class ShareValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // BIP173's P2WPKH example, re-encoded for regtest.
    private static final String ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    private static final byte[] TAG = "/tbg-test/".getBytes(StandardCharsets.US_ASCII);

    private final WorkManager work = new WorkManager();
    private final JobFactory factory = new JobFactory(4, 8, 0);
    private final ShareValidator validator = new ShareValidator(work, 8);
    private Session session;
    private PayoutScript payout;

    @BeforeAll
    static void bitcoinjContext() {
        Context.propagate(new Context(RegTestParams.get()));
    }

    @BeforeEach
    void setUp() throws Exception {
        payout = AddressDecoder.decode(ADDRESS, Network.REGTEST);
        session = new Session(1, "127.0.0.1", System.currentTimeMillis(), 1);
        session.subscribe("0a0b0c0d", "test/1.0");
        session.authorize(new Worker(ADDRESS + ".rig", WorkerName.parse(ADDRESS + ".rig"), payout), TAG);
    }

    private Job publish(BlockTemplate t, double diff) throws Exception {
        Job job = factory.create(t, true);
        work.publish(job);
        session.nextDifficulty(diff);
        session.issue(job.id(), true);
        return job;
    }

    private static ArrayNode submit(String worker, String jobId, String en2, String ntime, String nonce, String version) {
        ArrayNode a = JSON.createArrayNode().add(worker).add(jobId).add(en2).add(ntime).add(nonce);
        if (version != null) {
            a.add(version);
        }
        return a;
    }

    /** The header hash computed without the engine's branch folding or buffers: full merkle tree, BlockHeader. */
    private byte[] independentHash(Job job, String en2, int ntime, int nonce, int version) {
        byte[] coinbase = job.coinbaseFor(session.payoutKey()).parts().assemble(session.extranonce1(), Hex.decode(en2));
        List<byte[]> leaves = new ArrayList<>();
        leaves.add(Sha256d.of(coinbase));
        for (TemplateTransaction t : job.template().transactions()) {
            leaves.add(t.txid());
        }
        return new BlockHeader(version, job.prevHash(), Merkle.root(leaves), ntime, job.bits(), nonce).hash();
    }

    @Test
    void acceptsAShareAndReportsTheDifficultyItsHashAchieves() throws Exception {
        Job job = publish(TestTemplates.template(500, TestTemplates.HARD_BITS, 12, 1), 1e-12);
        ShareResult r = validator.validate(session, submit(ADDRESS + ".rig", job.id(), "0000000000000001", job.ntimeHex(), "00000007", null), 0);

        assertThat(r.accepted()).as("%s", r.reason()).isTrue();
        assertThat(r.block()).isNull();
        byte[] expected = independentHash(job, "0000000000000001", job.ntime(), 7, job.version());
        assertThat(r.shareDiff()).isEqualTo(org.tbg.bitcoin.target.Difficulty.ofHash(expected));
        assertThat(r.targetDiff()).isEqualTo(1e-12);
    }

    @Test
    void findsABlockThatBitcoinjAcceptsAsValid() throws Exception {
        BlockTemplate t = TestTemplates.template(300, TestTemplates.EASY_BITS, 0, 2);
        Job job = publish(t, 1e6); // share difficulty far above what the hash reaches: still a block
        ShareResult r = null;
        for (int nonce = 0; nonce < 64; nonce++) {
            byte[] h = independentHash(job, "00000000000000aa", job.ntime(), nonce, job.version());
            if (Target.fromBits(TestTemplates.EASY_BITS).isMetBy(h)) {
                r = validator.validate(session, submit(ADDRESS + ".rig", job.id(), "00000000000000aa", job.ntimeHex(),
                        String.format("%08x", nonce), null), 0);
                break;
            }
        }
        assertThat(r).isNotNull();
        assertThat(r.accepted()).as("%s", r.reason()).isTrue();
        assertThat(r.block()).isNotNull();

        Block block = RegTestParams.get().getDefaultSerializer().makeBlock(Hex.decode(r.block().blockHex()));
        assertThat(block.getHashAsString()).isEqualTo(r.block().hash());
        // Checks proof of work, merkle root (with witness) and the BIP34 height in the coinbase.
        block.verify(300, EnumSet.of(Block.VerifyFlag.HEIGHT_IN_COINBASE));
        Transaction coinbase = block.getTransactions().get(0);
        assertThat(coinbase.getOutput(0).getValue()).isEqualTo(Coin.valueOf(t.coinbaseValue()));
        assertThat(coinbase.getOutput(0).getScriptPubKey().getProgram()).isEqualTo(payout.script());
        assertThat(new String(coinbase.getInput(0).getScriptBytes(), StandardCharsets.ISO_8859_1)).contains("/tbg-test/");
    }

    @Test
    void rejectsInTheSpecifiedOrderWithTheSpecifiedErrors() throws Exception {
        Job job = publish(TestTemplates.template(500, TestTemplates.HARD_BITS, 3, 3), 1e-12);
        String w = ADDRESS + ".rig";
        String nt = job.ntimeHex();

        assertReject(submit(w, job.id(), "00", nt, "00000000", null), StratumError.OTHER, "Invalid extranonce2");
        assertReject(submit(w, job.id(), "zz00000000000000", nt, "00000000", null), StratumError.OTHER, "Invalid extranonce2");
        assertReject(submit(w, job.id(), "0000000000000000", "123", "00000000", null), StratumError.OTHER, "Invalid ntime");
        assertReject(submit(w, job.id(), "0000000000000000", nt, "0000000g", null), StratumError.OTHER, "Invalid nonce");
        assertReject(JSON.createArrayNode().add(w).add(job.id()), StratumError.OTHER, "Invalid submit");
        assertReject(submit("someone-else", job.id(), "0000000000000000", nt, "00000000", null), StratumError.UNAUTHORIZED, "Unauthorized worker");
        assertReject(submit(w, "ffffffffffffffff", "0000000000000000", nt, "00000000", null), StratumError.JOB_NOT_FOUND, "Job not found");
        // no version rolling negotiated: any rolled bit is outside the mask
        assertReject(submit(w, job.id(), "0000000000000000", nt, "00000000", "00002000"), StratumError.OTHER, "Invalid version bits");
        String early = String.format("%08x", job.minTime() - 1);
        String late = String.format("%08x", job.ntime() + 7001L);
        assertReject(submit(w, job.id(), "0000000000000000", early, "00000000", null), StratumError.OTHER, "Ntime out of range");
        assertReject(submit(w, job.id(), "0000000000000000", late, "00000000", null), StratumError.OTHER, "Ntime out of range");
    }

    @Test
    void versionBitsInsideTheNegotiatedMaskAreRolledIntoTheHeader() throws Exception {
        session.versionMask(0x1fffe000, 0x1fffe000);
        Job job = publish(TestTemplates.template(500, TestTemplates.HARD_BITS, 2, 4), 1e-12);
        ShareResult r = validator.validate(session, submit(ADDRESS + ".rig", job.id(), "0000000000000002", job.ntimeHex(), "00000009", "0000e000"), 0);
        assertThat(r.accepted()).as("%s", r.reason()).isTrue();
        byte[] expected = independentHash(job, "0000000000000002", job.ntime(), 9, (job.version() & ~0x1fffe000) | 0x0000e000);
        assertThat(r.shareDiff()).isEqualTo(org.tbg.bitcoin.target.Difficulty.ofHash(expected));
        assertReject(submit(ADDRESS + ".rig", job.id(), "0000000000000002", job.ntimeHex(), "00000009", "e0000000"),
                StratumError.OTHER, "Invalid version bits");
    }

    @Test
    void duplicateLowDifficultyAndStale() throws Exception {
        Job job = publish(TestTemplates.template(500, TestTemplates.HARD_BITS, 2, 5), 1e-12);
        JsonNode share = submit(ADDRESS + ".rig", job.id(), "0000000000000003", job.ntimeHex(), "0000000a", null);
        assertThat(validator.validate(session, share, 0).accepted()).isTrue();
        assertReject(share, StratumError.DUPLICATE, "Duplicate share");

        // A job issued at a high difficulty is judged at it, even after the session's difficulty drops.
        Job hard = publish(TestTemplates.template(500, TestTemplates.HARD_BITS, 2, 5), 1e12);
        session.nextDifficulty(1e-12);
        ShareResult low = validator.validate(session, submit(ADDRESS + ".rig", hard.id(), "0000000000000004", hard.ntimeHex(), "0000000b", null), 0);
        assertThat(low.error()).isEqualTo(StratumError.LOW_DIFFICULTY);
        assertThat(low.targetDiff()).isEqualTo(1e12);

        // A new previous block makes both old jobs stale.
        publish(TestTemplates.template(501, TestTemplates.HARD_BITS, 0, 6), 1e-12);
        ShareResult stale = validator.validate(session, submit(ADDRESS + ".rig", job.id(), "0000000000000005", job.ntimeHex(), "0000000c", null), 0);
        assertThat(stale.error()).isEqualTo(StratumError.JOB_NOT_FOUND);
        assertThat(stale.reason()).isEqualTo("Stale");
    }

    @Test
    void aStaleShareThatMeetsTheNetworkTargetIsStillABlock() throws Exception {
        Job old = publish(TestTemplates.template(700, TestTemplates.EASY_BITS, 1, 7), 1e-12);
        publish(TestTemplates.template(701, TestTemplates.EASY_BITS, 1, 8), 1e-12);
        ShareResult r = null;
        for (int nonce = 0; nonce < 64 && r == null; nonce++) {
            byte[] h = independentHash(old, "0000000000000006", old.ntime(), nonce, old.version());
            if (Target.fromBits(TestTemplates.EASY_BITS).isMetBy(h)) {
                r = validator.validate(session, submit(ADDRESS + ".rig", old.id(), "0000000000000006", old.ntimeHex(),
                        String.format("%08x", nonce), null), 0);
            }
        }
        assertThat(r).isNotNull();
        assertThat(r.reason()).isEqualTo("Stale");
        assertThat(r.block()).isNotNull();
        assertThat(r.block().height()).isEqualTo(700);
        byte[] expected = independentHash(old, "0000000000000006", old.ntime(), nonceOf(r), old.version());
        assertThat(r.block().hash()).isEqualTo(Hex.encode(Bytes.reversed(expected)));
    }

    private static int nonceOf(ShareResult r) {
        byte[] block = Hex.decode(r.block().blockHex());
        return Bytes.readInt32LE(block, 76);
    }

    private void assertReject(JsonNode params, StratumError error, String reasonStart) {
        ShareResult r = validator.validate(session, params, 0);
        assertThat(r.accepted()).as("share %s", params).isFalse();
        assertThat(r.error()).as("share %s", params).isEqualTo(error);
        assertThat(r.reason()).as("share %s", params).startsWith(reasonStart);
    }
}
