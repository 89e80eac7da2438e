package org.tbg.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.bitcoinj.core.Context;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.script.ScriptNumber;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;
import org.tbg.bitcoin.tx.TxOut;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.devnet.mempool.FeeRateRange;
import org.tbg.devnet.mempool.Mempool;
import org.tbg.devnet.mempool.MempoolEntry;
import org.tbg.devnet.mempool.SyntheticTransactionFactory;
import org.tbg.devnet.support.TestBlockBuilder;

/**
 * Block submission against the chain: a pool-built block is accepted, and each consensus rule is
 * broken once and answered with Bitcoin Core's exact reason.
 */
@Timeout(60)
class ChainTest {
    /** A fixed clock makes the two-hour rule exact. */
    private static final long NOW = 1_700_000_000L;
    private static final int MEMPOOL_SIZE = 20;

    private Chain chain;
    private Mempool mempool;

    @BeforeAll
    static void bitcoinj() {
        Context.propagate(new Context(RegTestParams.get()));
    }

    @BeforeEach
    void newChain() {
        Devnet devnet = new Devnet(DevnetOptions.builder()
                .mempoolSize(MEMPOOL_SIZE)
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
                .build());
        chain = devnet.chain();
        mempool = devnet.mempool();
    }

    @Test
    void startsAtRegtestGenesis() {
        assertThat(chain.height()).isZero();
        assertThat(chain.tip().hashHex()).isEqualTo("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
    }

    @Test
    void acceptsAPoolBuiltBlockAndMakesItTheTip() throws Exception {
        Block block = TestBlockBuilder.onTip(chain).build();

        SubmitOutcome outcome = chain.submit(block);

        assertThat(outcome.status()).isEqualTo(SubmitOutcome.Status.ACCEPTED);
        assertThat(outcome.rpcResult()).isNull();
        assertThat(chain.height()).isEqualTo(1);
        assertThat(chain.tip().hashHex()).isEqualTo(block.hashHex());
        assertThat(chain.byHash(block.hashHex()).height()).isEqualTo(1);
        // bitcoinj, independently: same hash, and the block passes its checks including BIP34 height.
        org.bitcoinj.core.Block parsed = RegTestParams.get().getDefaultSerializer().makeBlock(block.serialize());
        assertThat(parsed.getHashAsString()).isEqualTo(block.hashHex());
        parsed.verify(1, EnumSet.of(org.bitcoinj.core.Block.VerifyFlag.HEIGHT_IN_COINBASE));
    }

    @Test
    void acceptsMempoolTransactionsWhenTheCoinbaseClaimsExactlySubsidyPlusFees() {
        List<MempoolEntry> entries = mempool.byFeeRate().subList(0, 5);
        TestBlockBuilder builder = TestBlockBuilder.onTip(chain);
        long fees = 0;
        for (MempoolEntry e : entries) {
            builder.addSerialized(e.data(), e.fee());
            fees += e.fee();
        }
        Block block = builder.coinbaseValue(TestBlockBuilder.subsidy(1) + fees).build();

        assertThat(chain.submit(block).status()).isEqualTo(SubmitOutcome.Status.ACCEPTED);
        assertThat(chain.tip().fees()).isEqualTo(fees);
        for (MempoolEntry e : entries) {
            assertThat(mempool.feeOf(e.txid())).as("confirmed transactions leave the mempool").isEmpty();
        }
        assertThat(mempool.size()).as("refilled").isEqualTo(MEMPOOL_SIZE);
    }

    @Test
    void highHash() {
        assertRejected(TestBlockBuilder.onTip(chain).unsolved().build(), "high-hash");
    }

    @Test
    void badDiffBits() {
        // A valid, harder target that is not the one the chain expects.
        assertRejected(TestBlockBuilder.onTip(chain).bits(0x2000ffff).build(), "bad-diffbits");
    }

    @Test
    void unknownPreviousBlock() {
        byte[] unknown = new byte[32];
        unknown[0] = 1;
        assertRejected(TestBlockBuilder.onTip(chain).prevHash(unknown).build(), "prev-blk-not-found");
    }

    @Test
    void badMerkleRoot() {
        byte[] root = new byte[32];
        root[5] = 7;
        assertRejected(TestBlockBuilder.onTip(chain).merkleRoot(root).build(), "bad-txnmrklroot");
    }

    @Test
    void mutatedTransactionListWithTheRightRoot() {
        // [cb, a, b, b] has the same merkle root as [cb, a, b] (CVE-2012-2459).
        List<MempoolEntry> entries = mempool.byFeeRate();
        Block block = TestBlockBuilder.onTip(chain)
                .addSerialized(entries.get(0).data(), entries.get(0).fee())
                .addSerialized(entries.get(1).data(), 0)
                .addSerialized(entries.get(1).data(), 0)
                .build();
        assertRejected(block, "bad-txns-duplicate");
    }

    @Test
    void wrongBip34Height() {
        assertRejected(TestBlockBuilder.onTip(chain).coinbaseHeight(2).build(), "bad-cb-height");
    }

    @Test
    void coinbaseScriptSigOver100Bytes() {
        Block block = TestBlockBuilder.onTip(chain).editCoinbase(cb -> withScriptSig(cb,
                Bytes.concat(ScriptNumber.bip34HeightPush(1), ScriptNumber.pushData(new byte[100])))).build();
        assertRejected(block, "bad-cb-length");
    }

    @Test
    void firstTransactionNotACoinbase() {
        MempoolEntry e = mempool.byFeeRate().get(0);
        Block block = TestBlockBuilder.onTip(chain).editCoinbase(cb -> Transaction.parse(e.data())).build();
        assertRejected(block, "bad-cb-missing");
    }

    @Test
    void secondCoinbase() {
        Transaction second = new Transaction(1,
                List.of(new TxIn(new byte[32], 0xffffffff, ScriptNumber.pushData(new byte[] {1, 2, 3}), -1, List.of())),
                List.of(new TxOut(1, TestBlockBuilder.PAYOUT)), 0);
        assertRejected(TestBlockBuilder.onTip(chain).add(second, 0).build(), "bad-cb-multiple");
    }

    @Test
    void coinbaseClaimsOneSatoshiTooMuch() {
        Block block = TestBlockBuilder.onTip(chain).coinbaseValue(TestBlockBuilder.subsidy(1) + 1).build();
        assertRejected(block, "bad-cb-amount");
        assertThat(chain.submit(block).rpcResult()).as("Core remembers it as invalid").isEqualTo("duplicate-invalid");
    }

    @Test
    void feesOfTransactionsNotInTheBlockDoNotCount() {
        MempoolEntry e = mempool.byFeeRate().get(0);
        Block block = TestBlockBuilder.onTip(chain).addSerialized(e.data(), e.fee())
                .coinbaseValue(TestBlockBuilder.subsidy(1) + e.fee() + 1).build();
        assertRejected(block, "bad-cb-amount");
    }

    @Test
    void transactionTheNodeDoesNotKnow() {
        MempoolEntry stranger = new SyntheticTransactionFactory(99, FeeRateRange.DEFAULT, 0.5).next();
        assertRejected(TestBlockBuilder.onTip(chain).addSerialized(stranger.data(), 0).build(),
                "bad-txns-inputs-missingorspent");
    }

    @Test
    void transactionIncludedTwiceAcrossBlocks() {
        MempoolEntry e = mempool.byFeeRate().get(0);
        assertThat(chain.submit(TestBlockBuilder.onTip(chain).addSerialized(e.data(), e.fee()).build()).status())
                .isEqualTo(SubmitOutcome.Status.ACCEPTED);
        assertRejected(TestBlockBuilder.onTip(chain).addSerialized(e.data(), 0).build(),
                "bad-txns-inputs-missingorspent");
    }

    @Test
    void witnessCommitmentMismatch() {
        Block block = TestBlockBuilder.onTip(chain).editCommitment(c -> {
            byte[] bad = c.clone();
            bad[0] ^= 1;
            return bad;
        }).build();
        assertRejected(block, "bad-witness-merkle-match");
    }

    @Test
    void witnessCommitmentOverWrongTransactions() {
        // The commitment of an empty block, but the block carries a witness transaction.
        MempoolEntry witnessTx = firstWithWitness();
        byte[] emptyCommitment = WitnessCommitment.commitment(WitnessCommitment.witnessRoot(List.of()),
                WitnessCommitment.RESERVED_VALUE);
        Block block = TestBlockBuilder.onTip(chain).addSerialized(witnessTx.data(), witnessTx.fee())
                .editCommitment(c -> emptyCommitment).build();
        assertRejected(block, "bad-witness-merkle-match");
    }

    @Test
    void witnessDataWithoutCommitment() {
        MempoolEntry witnessTx = firstWithWitness();
        Block block = TestBlockBuilder.onTip(chain).withoutCommitment()
                .addSerialized(witnessTx.data(), witnessTx.fee()).build();
        assertRejected(block, "unexpected-witness");
    }

    @Test
    void commitmentWithoutCoinbaseWitnessIsRejectedHereAndFilledInBySubmitblock() {
        Block block = TestBlockBuilder.onTip(chain).withoutCoinbaseWitness().build();
        assertRejected(block, "bad-witness-nonce-size");
        // Core's submitblock adds the zero reserved value first (UpdateUncommittedBlockStructures).
        assertThat(chain.submit(CoinbaseWitnessFill.apply(block)).status()).isEqualTo(SubmitOutcome.Status.ACCEPTED);
        assertThat(chain.tip().hashHex()).isEqualTo(block.hashHex());
    }

    @Test
    void duplicate() {
        Block block = TestBlockBuilder.onTip(chain).build();
        assertThat(chain.submit(block).status()).isEqualTo(SubmitOutcome.Status.ACCEPTED);
        assertThat(chain.submit(block).rpcResult()).isEqualTo("duplicate");
        assertThat(chain.height()).isEqualTo(1);
    }

    @Test
    void timeNotAfterMedianTimePast() {
        long mtp = chain.tip().medianTimePast();
        assertRejected(TestBlockBuilder.onTip(chain).time(mtp).build(), "time-too-old");
        assertThat(chain.submit(TestBlockBuilder.onTip(chain).time(mtp + 1).build()).status())
                .isEqualTo(SubmitOutcome.Status.ACCEPTED);
    }

    @Test
    void timeMoreThanTwoHoursAhead() {
        assertRejected(TestBlockBuilder.onTip(chain).time(NOW + 7201).build(), "time-too-new");
        assertThat(chain.submit(TestBlockBuilder.onTip(chain).time(NOW + 7200).build()).status())
                .as("exactly two hours ahead is allowed").isEqualTo(SubmitOutcome.Status.ACCEPTED);
    }

    @Test
    void oldBlockVersion() {
        assertRejected(TestBlockBuilder.onTip(chain).version(3).build(), "bad-version(0x00000003)");
    }

    @Test
    void overweightThroughWitnessData() {
        // Stripped size stays small (so not bad-blk-length); the witness pushes the weight over 4,000,000.
        Transaction heavy = new Transaction(2,
                List.of(new TxIn(filled(32, 9), 0, new byte[0], -1, List.of(new byte[4_000_000]))),
                List.of(new TxOut(1000, TestBlockBuilder.PAYOUT)), 0);
        assertRejected(TestBlockBuilder.onTip(chain).add(heavy, 0).build(), "bad-blk-weight");
    }

    @Test
    void overSizeWithoutWitness() {
        Transaction big = new Transaction(2,
                List.of(new TxIn(filled(32, 9), 0, new byte[0], -1, List.of())),
                List.of(new TxOut(1000, new byte[1_000_001])), 0);
        assertRejected(TestBlockBuilder.onTip(chain).add(big, 0).build(), "bad-blk-length");
    }

    @Test
    void validBlockOnAnOlderParentIsASideBranch() {
        ChainEntry genesis = chain.tip();
        Block first = TestBlockBuilder.on(genesis, chain).build();
        Block rival = TestBlockBuilder.on(genesis, chain).extranonce(1).build();
        assertThat(chain.submit(first).status()).isEqualTo(SubmitOutcome.Status.ACCEPTED);

        SubmitOutcome outcome = chain.submit(rival);

        assertThat(outcome.rpcResult()).isEqualTo("inconclusive");
        assertThat(chain.tip().hashHex()).isEqualTo(first.hashHex());
        assertThat(chain.isActive(chain.byHash(rival.hashHex()))).isFalse();
        assertThat(chain.submit(rival).rpcResult()).isEqualTo("duplicate");
    }

    @Test
    void childOfAnInvalidBlock() {
        Block invalid = TestBlockBuilder.onTip(chain).coinbaseValue(TestBlockBuilder.subsidy(1) + 1).build();
        assertRejected(invalid, "bad-cb-amount");
        assertRejected(TestBlockBuilder.onTip(chain).prevHash(invalid.hash()).build(), "bad-prevblk");
    }

    @Test
    void chainGrowsBlockByBlock() {
        for (int h = 1; h <= 12; h++) {
            Block block = TestBlockBuilder.onTip(chain).build();
            assertThat(chain.submit(block).status()).as("height %d", h).isEqualTo(SubmitOutcome.Status.ACCEPTED);
            assertThat(chain.atHeight(h).hashHex()).isEqualTo(block.hashHex());
        }
        assertThat(chain.height()).isEqualTo(12);
    }

    private void assertRejected(Block block, String reason) {
        int height = chain.height();
        SubmitOutcome outcome = chain.submit(block);
        assertThat(outcome.status()).as(String.valueOf(outcome.rejection())).isEqualTo(SubmitOutcome.Status.REJECTED);
        assertThat(outcome.reason()).isEqualTo(reason);
        assertThat(outcome.rpcResult()).isEqualTo(reason);
        assertThat(chain.height()).as("tip unchanged").isEqualTo(height);
    }

    private MempoolEntry firstWithWitness() {
        for (MempoolEntry e : mempool.byFeeRate()) {
            if (e.hasWitness()) {
                return e;
            }
        }
        throw new AssertionError("no witness transaction among " + MEMPOOL_SIZE);
    }

    private static Transaction withScriptSig(Transaction tx, byte[] scriptSig) {
        List<TxIn> inputs = new ArrayList<>(tx.inputs());
        TxIn in = inputs.get(0);
        inputs.set(0, new TxIn(in.prevTxid(), in.prevIndex(), scriptSig, in.sequence(), in.witness()));
        return new Transaction(tx.version(), inputs, tx.outputs(), tx.lockTime());
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
