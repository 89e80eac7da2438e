package org.tbg.devnet.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.Sha256Hash;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.block.BlockAssembler;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.coinbase.CoinbaseBuilder;
import org.tbg.bitcoin.coinbase.CoinbaseParts;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.target.Target;
import org.tbg.bitcoin.tx.TxOut;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.devnet.chain.Block;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.SubmitOutcome;
import org.tbg.devnet.mempool.MempoolEntry;
import org.tbg.devnet.support.TestBlockBuilder;

/**
 * A full template (2000 synthetic transactions) mined the way a stratum miner does: coinbase split
 * around the extranonce, merkle branch folded up from the coinbase txid, header ground. The chain
 * must accept it, and bitcoinj must agree on merkle root and witness commitment.
 */
@Timeout(60)
class TemplateBlockTest {
    private static final int K = 2000;

    @BeforeAll
    static void bitcoinj() {
        Context.propagate(new Context(RegTestParams.get()));
    }

    @Test
    void aBlockAssembledFromA2000TransactionTemplateIsAccepted() throws Exception {
        Devnet devnet = new Devnet(DevnetOptions.builder().mempoolSize(K).build());
        Chain chain = devnet.chain();
        Template template = devnet.templates().build();
        assertThat(template.transactions()).hasSize(K);
        assertThat(template.coinbaseValue()).isEqualTo(TestBlockBuilder.subsidy(1) + template.fees());

        CoinbaseParts coinbase = new CoinbaseBuilder()
                .height(template.height())
                .tag("stratum".getBytes(StandardCharsets.US_ASCII))
                .extranonceLengths(4, 8)
                .addOutput(new TxOut(template.coinbaseValue(), TestBlockBuilder.PAYOUT))
                .witnessCommitment(lastBytes(template.witnessCommitmentScript(), 32))
                .build();
        List<byte[]> txids = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (MempoolEntry e : template.transactions()) {
            txids.add(e.txid());
            data.add(e.data());
        }
        List<byte[]> branch = Merkle.coinbaseBranch(txids);
        assertThat(branch).as("2001 leaves need 11 levels").hasSize(11);

        byte[] en1 = Hex.decode("01020304");
        byte[] en2 = Hex.decode("0000000000000007");
        byte[] root = Merkle.rootFromBranch(coinbase.txid(en1, en2), branch);
        BlockHeader header = grind(new BlockHeader(template.version(), template.parent().hash(), root,
                (int) template.curTime(), template.bits(), 0));
        byte[] bytes = BlockAssembler.assemble(header.serialize(), coinbase.assembleWithWitness(en1, en2), data);

        SubmitOutcome outcome = chain.submit(Block.parse(bytes));

        assertThat(outcome.status()).as(String.valueOf(outcome.rejection())).isEqualTo(SubmitOutcome.Status.ACCEPTED);
        assertThat(chain.height()).isEqualTo(1);
        assertThat(chain.tip().block().transactions()).hasSize(K + 1);
        assertThat(devnet.mempool().size()).as("refilled").isEqualTo(K);

        org.bitcoinj.core.Block parsed = RegTestParams.get().getDefaultSerializer().makeBlock(bytes);
        parsed.verify(1, EnumSet.of(org.bitcoinj.core.Block.VerifyFlag.HEIGHT_IN_COINBASE)); // merkle root, coinbase, sizes
        // bitcoinj's witness root, committed with the zero reserved value, is what the coinbase carries.
        Sha256Hash witnessRoot = parsed.getWitnessRoot();
        byte[] expected = Sha256d.of(Bytes.concat(witnessRoot.getReversedBytes(), new byte[32]));
        assertThat(Hex.encode(lastBytes(template.witnessCommitmentScript(), 32))).isEqualTo(Hex.encode(expected));
    }

    @Test
    void templateRespectsTheWeightLimit() {
        // 12,000 transactions of ~600 WU cannot all fit in 4,000,000 WU; the template takes the best-paying ones.
        Devnet devnet = new Devnet(DevnetOptions.builder().mempoolSize(12_000).build());
        Template template = devnet.templates().build();
        long weight = 0;
        for (MempoolEntry e : template.transactions()) {
            weight += e.weight();
        }
        assertThat(template.transactions().size()).isLessThan(12_000);
        assertThat(weight).isLessThanOrEqualTo(4_000_000 - 4_000);
        double lowestIncluded = template.transactions().stream().mapToDouble(MempoolEntry::feeRate).min().orElseThrow();
        double highestLeftOut = devnet.mempool().byFeeRate().stream()
                .filter(e -> !template.transactions().contains(e)).mapToDouble(MempoolEntry::feeRate).max().orElseThrow();
        assertThat(lowestIncluded).isGreaterThanOrEqualTo(highestLeftOut * 0.999);
    }

    @Test
    void generatorMinesTemplatesTheChainAccepts() {
        Devnet devnet = new Devnet(DevnetOptions.builder().mempoolSize(100).build());
        List<String> hashes = devnet.generate(5, TestBlockBuilder.PAYOUT);
        assertThat(hashes).hasSize(5).doesNotHaveDuplicates();
        assertThat(devnet.chain().height()).isEqualTo(5);
        assertThat(devnet.chain().tip().hashHex()).isEqualTo(hashes.get(4));
        assertThat(devnet.chain().atHeight(1).block().transactions()).as("the mempool's transactions are mined").hasSize(101);
    }

    @Test
    void harderBitsStillMineWithinTheBudget() {
        // Difficulty 2^-16 × diff1 ≈ 65,536 hashes per block on average.
        Devnet devnet = new Devnet(DevnetOptions.builder().difficulty(1.0 / 65536).build());
        Target target = Target.fromBits(Integer.toUnsignedLong(devnet.chain().bits()));
        List<String> hashes = devnet.generate(2, TestBlockBuilder.PAYOUT);
        for (String hash : hashes) {
            assertThat(target.isMetBy(Bytes.reversed(Hex.decode(hash)))).isTrue();
        }
        assertThat(devnet.chain().tip().header().bits()).isEqualTo(devnet.chain().bits()).isNotEqualTo(0x207fffff);
    }

    private static BlockHeader grind(BlockHeader h) {
        Target target = Target.fromBits(Integer.toUnsignedLong(h.bits()));
        for (int nonce = 0; ; nonce++) {
            BlockHeader c = new BlockHeader(h.version(), h.prevHash(), h.merkleRoot(), h.time(), h.bits(), nonce);
            if (target.isMetBy(c.hash())) {
                return c;
            }
        }
    }

    private static byte[] lastBytes(byte[] b, int n) {
        byte[] out = new byte[n];
        System.arraycopy(b, b.length - n, out, 0, n);
        return out;
    }
}
