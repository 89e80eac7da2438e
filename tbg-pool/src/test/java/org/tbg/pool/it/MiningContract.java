package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.params.RegTestParams;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tbg.bitcoin.address.AddressEncoder;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.stratum.miner.MinerStats;
import org.tbg.testkit.TestNode;

/**
 * The engine against a node (a real bcoin, or the embedded devnet — one subclass each): blocks
 * mined through the pool by the CPU miner are accepted by the node and pay the whole reward to the
 * miner's own address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MiningContract {

    /** The node this run of the contract uses. */
    abstract TestNode startNode();

    private static final Duration LIMIT = Duration.ofSeconds(60);

    TestNode node;
    PoolHarness pool;

    @BeforeAll
    void start() throws Exception {
        Context.propagate(new Context(RegTestParams.get()));
        node = startNode();
        pool = PoolHarness.start(node);
    }

    @AfterAll
    void stop() {
        if (pool != null) pool.close();
        if (node != null) node.close();
    }

    @ParameterizedTest
    @EnumSource(AddressType.class)
    void minesThreeBlocksPayingTheMinersOwnAddress(AddressType type) throws Exception {
        TestAddresses.Payout payout = TestAddresses.payout(type, "miner-" + type);
        long before = node.rpc().call("getblockcount").asLong();

        List<Long> ours = mineUntilBestChainHas(payout.address() + ".cpu", payout.script(), 3, before + 1);

        assertThat(ours).as("best-chain blocks paying the %s address", type).hasSizeGreaterThanOrEqualTo(3);
        for (long h : ours) {
            checkCoinbase(blockAt(h), h, payout.script());
        }
    }

    /**
     * On regtest nearly every hash is a block, so two of the miner's blocks can compete for one
     * height; mine (bounded) until the best chain holds {@code wanted} blocks paying {@code script}.
     */
    List<Long> mineUntilBestChainHas(String username, byte[] script, int wanted, long from) throws Exception {
        long minerBlocks = 0;
        List<Long> ours = List.of();
        for (int round = 0; round < 10 && ours.size() < wanted; round++) {
            MinerStats stats = pool.mine(username, wanted - ours.size(), LIMIT);
            minerBlocks += stats.blocksFound();
            ours = heightsPaying(script, from);
        }
        assertThat(minerBlocks).as("blocks the miner saw accepted").isGreaterThanOrEqualTo(ours.size());
        return ours;
    }

    List<Long> heightsPaying(byte[] script, long from) throws Exception {
        List<Long> heights = new ArrayList<>();
        long tip = node.rpc().call("getblockcount").asLong();
        for (long h = from; h <= tip; h++) {
            Transaction coinbase = blockAt(h).getTransactions().get(0);
            if (java.util.Arrays.equals(coinbase.getOutput(0).getScriptPubKey().getProgram(), script)) {
                heights.add(h);
            }
        }
        return heights;
    }

    Block blockAt(long height) throws Exception {
        String hash = node.rpc().call("getblockhash", height).asText();
        JsonNode raw = node.rpc().call("getblock", hash, false);
        return RegTestParams.get().getDefaultSerializer().makeBlock(Hex.decode(raw.asText()));
    }

    /** Value = subsidy + fees, paid whole to the miner; pool tag and BIP34 height in the scriptSig. */
    void checkCoinbase(Block block, long height, byte[] script) {
        block.verify((int) height, EnumSet.of(Block.VerifyFlag.HEIGHT_IN_COINBASE));
        Transaction coinbase = block.getTransactions().get(0);
        long fees = 0; // these blocks carry no transactions: the test mempool is empty
        assertThat(block.getTransactions()).hasSize(1);
        long subsidy = 50_0000_0000L >> (height / 150); // regtest halves every 150 blocks
        long paid = 0;
        for (TransactionOutput o : coinbase.getOutputs()) {
            if (o.getValue().value > 0) {
                assertThat(o.getScriptPubKey().getProgram()).isEqualTo(script);
                paid += o.getValue().value;
            }
        }
        assertThat(paid).isEqualTo(subsidy + fees);
        byte[] scriptSig = coinbase.getInput(0).getScriptBytes();
        byte[] heightPush = new ScriptBuilder().number(height).build().getProgram();
        assertThat(java.util.Arrays.copyOf(scriptSig, heightPush.length)).isEqualTo(heightPush);
        assertThat(new String(scriptSig, StandardCharsets.ISO_8859_1)).contains("/tbg-it/");
    }
}
