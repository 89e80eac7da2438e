package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.ECKey;
import org.bitcoinj.core.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.params.RegTestParams;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.AddressEncoder;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.stratum.miner.MinerStats;
import org.tbg.testkit.BcoinNode;

/**
 * A block with real transactions, legacy and segwit, mined through the pool against a real node
 * (bcoin regtest) with segwit active: the node takes the block, it carries every transaction with
 * its witness, commits to the witnesses, and pays the miner the subsidy plus exactly the fees.
 */
class BlockWithTransactionsIT {
    private static final Logger log = LoggerFactory.getLogger(BlockWithTransactionsIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long COIN = 100_000_000L;
    /** bcoin regtest (lib/protocol/networks.js): BIP9 window 144, threshold 108; segwit is active after 3 windows. */
    private static final int BIP9_WINDOW = 144;
    private static final int MAX_BLOCKS_TO_SEGWIT = 1_000;
    private static final int COINBASE_MATURITY = 100;
    private static final Duration MINE_LIMIT = Duration.ofSeconds(15);

    private static BcoinNode node;
    private static PoolHarness pool;

    @BeforeAll
    static void start() {
        Context.propagate(new Context(RegTestParams.get()));
        node = BcoinNode.start();
    }

    @AfterAll
    static void stop() {
        if (pool != null) pool.close();
        if (node != null) node.close();
    }

    @Test
    @Timeout(value = 55, unit = TimeUnit.SECONDS)
    void minesSegwitAndLegacySpendsPayingSubsidyPlusFees() throws Exception {
        // Coins the test holds the keys of; generatetoaddress wants bcoin's own address format.
        ECKey segwitKey = TestAddresses.key("funds-p2wpkh");
        ECKey legacyKey = TestAddresses.key("funds-p2pkh");
        List<TransactionOutput> segwitCoins = generateCoinbases(3,
                AddressEncoder.p2wpkh(Network.BCOIN_REGTEST, segwitKey.getPubKeyHash()),
                ScriptBuilder.createP2WPKHOutputScript(segwitKey));
        List<TransactionOutput> legacyCoins = generateCoinbases(2,
                AddressEncoder.p2pkh(Network.BCOIN_REGTEST, legacyKey.getPubKeyHash()),
                ScriptBuilder.createP2PKHOutputScript(legacyKey));
        long lastFunding = height();

        activateSegwit(lastFunding);
        assertThat(height() - lastFunding + 1).as("confirmations of the youngest funding coinbase")
                .isGreaterThan(COINBASE_MATURITY);
        assertThat(templateRules()).as("getblocktemplate rules once segwit is active").containsAnyOf("segwit", "!segwit");

        SignedSpend s1 = SignedSpend.pay(segwitCoins.get(0), segwitKey, dest(AddressType.P2WPKH, "a"), 10 * COIN, 2_000);
        List<SignedSpend> spends = List.of(
                s1,
                SignedSpend.pay(segwitCoins.get(1), segwitKey, dest(AddressType.P2SH, "b"), 7 * COIN, 3_100),
                SignedSpend.pay(segwitCoins.get(2), segwitKey, dest(AddressType.P2WSH, "c"), 5 * COIN, 4_200),
                SignedSpend.pay(legacyCoins.get(0), legacyKey, dest(AddressType.P2PKH, "d"), 3 * COIN, 5_300),
                SignedSpend.pay(legacyCoins.get(1), legacyKey, dest(AddressType.P2WPKH, "e"), 1 * COIN, 6_400),
                // A child of s1's unconfirmed change: the block must carry the parent first.
                SignedSpend.pay(s1.tx().getOutput(1), segwitKey, dest(AddressType.P2PKH, "f"), 2 * COIN, 7_500));
        long fees = 0;
        for (SignedSpend s : spends) {
            assertThat(s.tx().getFee().value).as("bitcoinj's fee of %s", s.txid()).isEqualTo(s.fee());
            assertThat(node.rpc().call("sendrawtransaction", s.hex()).asText()).isEqualTo(s.txid());
            fees += s.fee();
        }
        List<String> txids = spends.stream().map(SignedSpend::txid).toList();
        // bcoin answers sendrawtransaction with the txid before its mempool has judged the transaction,
        // and only logs a refusal: the mempool is where acceptance shows.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .alias("mempool holds " + txids + " (refusals are in " + node.logFile() + ")")
                .until(() -> textList(node.rpc().call("getrawmempool")).containsAll(txids));
        assertThat(textList(node.rpc().call("getrawmempool"))).containsExactlyInAnyOrderElementsOf(txids);

        // Started now, the pool's first template already carries the mempool.
        pool = PoolHarness.start(new TestSettings(List.of(node.endpoint()), Files.createTempDirectory("tbg-it-txs")));
        TestAddresses.Payout miner = TestAddresses.payout(AddressType.P2WPKH, "tx-miner");
        long before = height();

        long found = -1;
        long minerBlocks = 0;
        for (int round = 0; round < 5 && found < 0; round++) {
            MinerStats stats = pool.mine(miner.address() + ".cpu", 1, MINE_LIMIT);
            minerBlocks += stats.blocksFound();
            found = heightOfBlockWith(txids, miner.script(), before + 1);
        }
        assertThat(found).as("a best-chain block paying the miner with our transactions (pool journal: %s)",
                journal(pool.logDir())).isPositive();
        assertThat(minerBlocks).isPositive();

        Block block = blockAt(found);
        String hash = block.getHashAsString();
        assertThat(height()).isGreaterThanOrEqualTo(found);
        assertThat(node.rpc().call("getblockhash", found).asText()).isEqualTo(hash);
        assertThat(journalResult(pool.logDir(), hash)).as("the pool's verdict on block %s", hash).isEqualTo("accepted");
        block.verify((int) found, EnumSet.of(Block.VerifyFlag.HEIGHT_IN_COINBASE));

        // Every transaction, byte for byte with its witness (the wtxid covers it).
        List<Transaction> carried = block.getTransactions().subList(1, block.getTransactions().size());
        Map<String, Sha256Hash> wtxids = new HashMap<>();
        carried.forEach(t -> wtxids.put(t.getTxId().toString(), t.getWTxId()));
        assertThat(wtxids.keySet()).containsExactlyInAnyOrderElementsOf(txids);
        for (SignedSpend s : spends) {
            assertThat(wtxids.get(s.txid())).as("wtxid of %s", s.txid()).isEqualTo(s.tx().getWTxId());
        }
        assertThat(carried.stream().filter(Transaction::hasWitnesses).count()).as("segwit spends in the block").isEqualTo(4);
        List<String> order = carried.stream().map(t -> t.getTxId().toString()).toList();
        assertThat(order.indexOf(s1.txid())).as("parent before child").isLessThan(order.indexOf(spends.get(5).txid()));

        checkCoinbasePays(block, found, miner.script(), fees);
        checkWitnessCommitment(block);
        assertThat(textList(node.rpc().call("getrawmempool"))).as("mempool after the block").doesNotContainAnyElementsOf(txids);
    }

    /** Mines {@code n} blocks to {@code address}; returns their coinbase outputs paying {@code script}. */
    private static List<TransactionOutput> generateCoinbases(int n, String address, Script script) throws Exception {
        List<TransactionOutput> coins = new ArrayList<>();
        for (JsonNode h : node.rpc().call("generatetoaddress", n, address)) {
            Transaction coinbase = blockByHash(h.asText()).getTransactions().get(0);
            TransactionOutput paid = coinbase.getOutputs().stream()
                    .filter(o -> Arrays.equals(o.getScriptPubKey().getProgram(), script.getProgram()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("coinbase of " + h.asText() + " does not pay " + address));
            coins.add(paid);
        }
        return coins;
    }

    /**
     * bcoin's own blocks signal every started deployment (chain.computeBlockVersion), so mining
     * enough of them activates segwit by BIP9. A BIP9 state changes only at a window boundary, so
     * the status is read there. It is the next block's status, while bcoin's mempool refuses witness
     * transactions ("no-witness-yet") until the tip itself has segwit: hence one block more.
     */
    private static void activateSegwit(long from) throws Exception {
        long start = System.nanoTime();
        String filler = AddressEncoder.p2wpkh(Network.BCOIN_REGTEST, TestAddresses.key("filler").getPubKeyHash());
        String status = segwitStatus();
        long mined = 0;
        while ((!status.equals("active") || height() - from < COINBASE_MATURITY) && mined < MAX_BLOCKS_TO_SEGWIT) {
            long toBoundary = BIP9_WINDOW - 1 - height() % BIP9_WINDOW;
            long n = toBoundary == 0 ? BIP9_WINDOW : toBoundary;
            node.rpc().call("generatetoaddress", n, filler);
            mined += n;
            status = segwitStatus();
        }
        assertThat(status).as("segwit after %d blocks (bcoin regtest BIP9 deployment)", mined).isEqualTo("active");
        long firstActive = height() + 1;
        node.rpc().call("generatetoaddress", 1, filler);
        mined++;
        log.info("segwit active from height {} ({} filler blocks in {} ms)", firstActive, mined,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The BIP9 state for the next block, as bcoin reports it. */
    private static String segwitStatus() throws Exception {
        return node.rpc().call("getblockchaininfo").path("bip9_softforks").path("segwit").path("status").asText();
    }

    private static List<String> templateRules() throws Exception {
        JsonNode t = node.rpc().call("getblocktemplate", JSON.createObjectNode().set("rules",
                JSON.createArrayNode().add("segwit")));
        return textList(t.path("rules"));
    }

    /** Waits until every block the pool found has a verdict, so the node's chain can be read. */
    /** The best-chain height from {@code from} whose block pays {@code script} and carries {@code txids}, or -1. */
    private static long heightOfBlockWith(List<String> txids, byte[] script, long from) throws Exception {
        long tip = height();
        for (long h = from; h <= tip; h++) {
            Block b = blockAt(h);
            Transaction coinbase = b.getTransactions().get(0);
            boolean paysMiner = coinbase.getOutputs().stream()
                    .anyMatch(o -> Arrays.equals(o.getScriptPubKey().getProgram(), script));
            boolean carries = b.getTransactions().stream().anyMatch(t -> txids.contains(t.getTxId().toString()));
            if (paysMiner && carries) {
                return h;
            }
        }
        return -1;
    }

    /** Every satoshi of value goes to the miner: subsidy (halving every 150 blocks on regtest) plus the fees. */
    private static void checkCoinbasePays(Block block, long height, byte[] script, long fees) {
        Transaction coinbase = block.getTransactions().get(0);
        long subsidy = 50 * COIN >> (height / 150);
        long paid = 0;
        for (TransactionOutput o : coinbase.getOutputs()) {
            if (o.getValue().value > 0) {
                assertThat(o.getScriptPubKey().getProgram()).as("script of a paying output").isEqualTo(script);
                paid += o.getValue().value;
            }
        }
        assertThat(paid).as("coinbase value at height %d (subsidy %d + fees %d)", height, subsidy, fees)
                .isEqualTo(subsidy + fees);
        byte[] scriptSig = coinbase.getInput(0).getScriptBytes();
        assertThat(new String(scriptSig, StandardCharsets.ISO_8859_1)).contains("/tbg-it/");
    }

    /**
     * BIP141: the coinbase commits to SHA256d(witness root ‖ reserved value), the reserved value
     * being the coinbase input's single 32-byte witness item. bitcoinj computes the root from the
     * block's wtxids (its own check, Block.checkWitnessRoot, is not public; this is the same rule).
     */
    private static void checkWitnessCommitment(Block block) {
        Transaction coinbase = block.getTransactions().get(0);
        Sha256Hash committed = coinbase.findWitnessCommitment();
        assertThat(committed).as("witness commitment output in the coinbase").isNotNull();
        TransactionWitness witness = coinbase.getInput(0).getWitness();
        assertThat(witness.getPushCount()).as("coinbase witness items").isEqualTo(1);
        byte[] reserved = witness.getPush(0);
        assertThat(reserved).hasSize(32);
        Sha256Hash expected = Sha256Hash.twiceOf(block.getWitnessRoot().getReversedBytes(), reserved);
        assertThat(committed).as("commitment vs bitcoinj's witness root").isEqualTo(expected);
    }

    private static Block blockAt(long height) throws Exception {
        return blockByHash(node.rpc().call("getblockhash", height).asText());
    }

    private static Block blockByHash(String hash) throws Exception {
        JsonNode raw = node.rpc().call("getblock", hash, false);
        return RegTestParams.get().getDefaultSerializer().makeBlock(Hex.decode(raw.asText()));
    }

    private static long height() throws Exception {
        return node.rpc().call("getblockcount").asLong();
    }

    private static byte[] dest(AddressType type, String label) {
        return TestAddresses.payout(type, "tx-dest-" + label).script();
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The pool's block journal ({@code blocks.jsonl}), one JSON object per line. */
    private static List<JsonNode> journal(Path logDir) throws Exception {
        Path file = logDir.resolve("blocks.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode n = JSON.readTree(line);
                ((ObjectNode) n).remove("block");
                lines.add(n);
            }
        }
        return lines;
    }

    /** The pool's recorded submission result for {@code hash}, or null when it never submitted it. */
    private static String journalResult(Path logDir, String hash) throws Exception {
        for (JsonNode n : journal(logDir)) {
            if (n.path("state").asText().equals("submitted") && n.path("hash").asText().equals(hash)) {
                return n.path("result").asText();
            }
        }
        return null;
    }
}
