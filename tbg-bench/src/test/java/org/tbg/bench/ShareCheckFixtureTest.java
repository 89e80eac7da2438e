package org.tbg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.pool.share.ShareResult;
import org.tbg.pool.work.Job;
import org.tbg.stratum.codec.StratumRequestDecoder;
import org.tbg.stratum.message.ClientLine;
import org.tbg.stratum.message.StratumError;
import org.tbg.stratum.message.StratumRequest;

/** The benchmark's input is what it claims to be: real, distinct, accepted shares on a 12-deep branch. */
class ShareCheckFixtureTest {
    private ShareCheckFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = ShareCheckFixture.create(7);
    }

    private static StratumRequest decode(byte[] line) {
        ClientLine decoded = StratumRequestDecoder.decode(line, 0, line.length);
        assertThat(decoded).isInstanceOf(StratumRequest.class);
        return (StratumRequest) decoded;
    }

    @Test
    void linesAreSubmitsForTheFixturesJobWithOneNoncePerLine() {
        byte[][] lines = fixture.submitLines(300);
        for (int i : new int[] {0, 1, 255, 299}) {
            StratumRequest r = decode(lines[i]);
            assertThat(r.method()).isEqualTo("mining.submit");
            assertThat(r.rawId()).isEqualTo(Integer.toString(i + 1));
            assertThat(r.paramCount()).isEqualTo(5);
            assertThat(r.stringParam(0)).isEqualTo(ShareCheckFixture.WORKER);
            assertThat(r.stringParam(1)).isEqualTo(fixture.job().id());
            assertThat(r.stringParam(2)).isEqualTo(ShareCheckFixture.EXTRANONCE2);
            assertThat(r.stringParam(3)).isEqualTo(fixture.job().ntimeHex());
            assertThat(Integer.parseUnsignedInt(r.stringParam(4), 16)).isEqualTo(i);
        }
    }

    @Test
    void theJobFoldsATwelveDeepBranchAndEveryLineIsAnAcceptedShare() {
        assertThat(fixture.job().merkleBranch()).hasSize(12);
        assertThat(fixture.job().template().transactions()).hasSize(ShareCheckFixture.TRANSACTIONS);
        byte[][] lines = fixture.submitLines(2_000);
        fixture.requireAllAccepted(lines); // throws on the first share that is not accepted
    }

    @Test
    void theAcceptedShareIsJudgedOnTheHashOfTheFullBlockHeader() {
        Job job = fixture.job();
        StratumRequest r = decode(fixture.submitLines(43)[42]);
        ShareResult verdict = fixture.validator().validate(fixture.session(), r.params(), System.currentTimeMillis());

        // Independently: the whole merkle tree (not the branch) and the header record's own hash.
        byte[] coinbase = job.coinbaseFor(fixture.session().payoutKey()).parts()
                .assemble(fixture.session().extranonce1(), Hex.decode(ShareCheckFixture.EXTRANONCE2));
        List<byte[]> leaves = new ArrayList<>();
        leaves.add(Sha256d.of(coinbase));
        for (TemplateTransaction tx : job.template().transactions()) {
            leaves.add(tx.txid());
        }
        byte[] expected = new BlockHeader(job.version(), job.prevHash(), Merkle.root(leaves), job.ntime(), job.bits(), 42).hash();

        assertThat(verdict.accepted()).as("%s", verdict.reason()).isTrue();
        assertThat(verdict.block()).isNull();
        assertThat(verdict.shareDiff()).isEqualTo(Difficulty.ofHash(expected));
        assertThat(verdict.targetDiff()).isEqualTo(ShareCheckFixture.SHARE_DIFFICULTY);
    }

    @Test
    void aCycledLineIsADuplicateUntilCleanWorkStartsANewInterval() {
        StratumRequest r = decode(fixture.submitLines(1)[0]);
        long now = System.currentTimeMillis();
        assertThat(fixture.validator().validate(fixture.session(), r.params(), now).accepted()).isTrue();
        assertThat(fixture.validator().validate(fixture.session(), r.params(), now).error()).isEqualTo(StratumError.DUPLICATE);

        fixture.cleanWork();
        assertThat(fixture.validator().validate(fixture.session(), r.params(), now).accepted()).isTrue();
    }
}
