package org.tbg.stratum.miner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.testing.FakeStratumServer;

class MiningJobTest {
    // The genesis block (published everywhere): its coinbase, split so that extranonce1 and
    // extranonce2 fall inside the all-zero prevout hash.
    private static final String GENESIS_COINBASE = "01000000010000000000000000000000000000000000000000000000000000000000000000"
            + "ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e20627269"
            + "6e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe55"
            + "48271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c"
            + "702b6bf11d5fac00000000";
    private static final String GENESIS_TXID = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";
    private static final String GENESIS_HASH = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private static final int GENESIS_NONCE = 2083236893;

    @Test
    void genesisBlockFromStratumFields() {
        // coinb1 = version, input count and the first 10 zero bytes of the prevout; then 4 + 8 zero bytes
        int splitAt = (4 + 1 + 10) * 2;
        String coinb1 = GENESIS_COINBASE.substring(0, splitAt);
        String coinb2 = GENESIS_COINBASE.substring(splitAt + 24);
        NotifyJob notify = new NotifyJob("g", "00".repeat(32), coinb1, coinb2, List.of(), "00000001", "1d00ffff", "495fab29", true);
        MiningJob job = new MiningJob(notify, null, new byte[4], 8, 0, 1.0, 0);

        WorkUnit unit = job.nextUnit();
        assertThat(unit.extranonce2()).containsExactly(new byte[8]);
        assertThat(unit.ntime()).isEqualTo(1231006505);
        assertThat(Hex.encode(Bytes.reversed(Sha256d.of(job.coinbase(unit.extranonce2()))))).isEqualTo(GENESIS_TXID);

        byte[] header = job.header(unit);
        Bytes.writeInt32LE(GENESIS_NONCE, header, 76);
        byte[] hash = Sha256d.of(header);
        assertThat(Hex.encode(Bytes.reversed(hash))).isEqualTo(GENESIS_HASH);
        assertThat(job.networkTarget().isMetBy(hash)).isTrue();

        FoundShare share = new FoundShare(job, unit, GENESIS_NONCE, hash, true);
        assertThat(share.submitParams("w")).containsExactly("w", "g", "0000000000000000", "495fab29", "7c2bac1d");
        assertThat(share.hashHex()).isEqualTo(GENESIS_HASH);
    }

    @Test
    void headersMatchBitcoinjWithBranchAndRolledVersions() throws Exception {
        TestWork work = TestWork.create("j1", 500, "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", 5, 0x207fffffL);
        JsonNode params = FakeStratumServer.JSON.readTree(work.notifyLine(false)).get("params");
        NotifyJob notify = NotifyJob.fromParams(params);
        assertThat(notify.merkleBranch()).hasSize(3);
        byte[] extranonce1 = Hex.decode("abcd0001");
        MiningJob job = new MiningJob(notify, null, extranonce1, 8, CpuMiner.VERSION_ROLLING_MASK, 1.0, 0);

        for (int i = 0; i < 4; i++) {
            WorkUnit unit = job.nextUnit();
            byte[] header = job.header(unit);
            int nonce = 0x01020304 * (i + 1);
            Bytes.writeInt32LE(nonce, header, 76);
            byte[] hash = Sha256d.of(header);
            List<Object> submit = new FoundShare(job, unit, nonce, hash, false).submitParams("w");
            assertThat(submit).hasSize(6);
            BigInteger oracle = work.hashOfSubmit("abcd0001", FakeStratumServer.JSON.valueToTree(submit), CpuMiner.VERSION_ROLLING_MASK);
            assertThat(oracle).isEqualTo(new BigInteger(1, Bytes.reversed(hash)));
        }
    }

    @Test
    void unitsNeverRepeatAndRollVersionBitsFirst() {
        NotifyJob notify = new NotifyJob("u", "00".repeat(32), "", "", List.of(), "20000000", "207fffff", "00000000", true);
        MiningJob rolling = new MiningJob(notify, null, new byte[4], 4, CpuMiner.VERSION_ROLLING_MASK, 1.0, 0);
        WorkUnit first = rolling.nextUnit();
        WorkUnit second = rolling.withDifficulty(8).nextUnit(); // a re-priced copy continues the same sequence
        assertThat(first.versionBits()).isZero();
        assertThat(second.versionBits()).isEqualTo(0x2000);
        assertThat(second.extranonce2()).containsExactly(0, 0, 0, 0);
        for (int i = 2; i < 1 << 16; i++) {
            rolling.nextUnit();
        }
        WorkUnit afterAllVersions = rolling.nextUnit();
        assertThat(afterAllVersions.versionBits()).isZero();
        assertThat(afterAllVersions.extranonce2()).containsExactly(0, 0, 0, 1);
        assertThat(rolling.headerVersion(CpuMiner.VERSION_ROLLING_MASK)).isEqualTo(0x3fffe000);
        assertThat(rolling.headerVersion(0xffffffff)).isEqualTo(0x3fffe000); // bits outside the mask are ignored

        MiningJob plain = new MiningJob(notify, null, new byte[4], 2, 0, 1.0, 0);
        plain.nextUnit();
        WorkUnit u = plain.nextUnit();
        assertThat(u.versionBits()).isZero();
        assertThat(u.extranonce2()).containsExactly(0, 1);
        assertThat(new FoundShare(plain, u, 0, new byte[32], false).submitParams("w")).hasSize(5);
    }

    @Test
    void depositSpreadsBitsOverTheMask() {
        assertThat(MiningJob.depositIntoMask(0, 0x1fffe000)).isZero();
        assertThat(MiningJob.depositIntoMask(1, 0x1fffe000)).isEqualTo(0x00002000);
        assertThat(MiningJob.depositIntoMask(0xffff, 0x1fffe000)).isEqualTo(0x1fffe000);
        assertThat(MiningJob.depositIntoMask(0b101, 0b1011_0000)).isEqualTo(0b1000_0000 | 0b0001_0000);
    }

    @Test
    void difficultyAndNbitsGiveTheTargets() {
        NotifyJob notify = new NotifyJob("t", "00".repeat(32), "", "", List.of(), "20000000", "1d00ffff", "00000000", true);
        MiningJob job = new MiningJob(notify, null, new byte[4], 4, 0, 0.5, 0);
        assertThat(job.networkTarget().value()).isEqualTo(TestWork.DIFF1);
        // never easier than the exact floor(diff1 / d) (that would earn rejects), and off by < 1e-30 relative
        BigInteger exact = TestWork.shareTarget(0.5);
        assertThat(exact).isEqualTo(TestWork.DIFF1.shiftLeft(1));
        assertThat(job.shareTarget().value()).isLessThanOrEqualTo(exact);
        assertThat(exact.subtract(job.shareTarget().value()).multiply(BigInteger.TEN.pow(30))).isLessThan(exact);
    }
}
