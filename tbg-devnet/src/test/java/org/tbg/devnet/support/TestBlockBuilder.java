package org.tbg.devnet.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.block.BlockAssembler;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.coinbase.CoinbaseBuilder;
import org.tbg.bitcoin.coinbase.CoinbaseParts;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.target.Target;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxOut;
import org.tbg.devnet.chain.Block;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.ChainEntry;

/**
 * Builds blocks for tests the way a pool does, with tbg-bitcoin's CoinbaseBuilder, Merkle and
 * BlockAssembler (not the devnet's own generator), then grinds the nonce. Every field a
 * rejection test needs to break can be overridden.
 */
public final class TestBlockBuilder {
    /** A P2WPKH payout (BIP173's example key hash). */
    public static final byte[] PAYOUT = PayoutScript.witness(0, Hex.decode("751e76e8199196d454941c45d1b3a323f1433bd6")).script();
    /** 50 BTC, halving every 150 blocks: regtest's schedule, written out here rather than taken from the devnet. */
    private static final long INITIAL_SUBSIDY = 5_000_000_000L;

    private final ChainEntry parent;
    private int coinbaseHeight;
    private long time;
    private int bits;
    private int version = 0x20000000;
    private final List<Transaction> txs = new ArrayList<>();
    private long fees;
    private Long coinbaseValue;
    private boolean commit = true;
    private boolean coinbaseWitness = true;
    private UnaryOperator<byte[]> commitmentEdit = UnaryOperator.identity();
    private UnaryOperator<Transaction> coinbaseEdit = UnaryOperator.identity();
    private byte[] merkleRoot;
    private byte[] prevHash;
    private boolean solve = true;
    private long extranonce;

    private TestBlockBuilder(ChainEntry parent, int bits, long now) {
        this.parent = parent;
        this.coinbaseHeight = parent.height() + 1;
        this.time = Math.max(parent.medianTimePast() + 1, now);
        this.bits = bits;
    }

    /** A block on {@code parent} that the chain should accept until something is overridden. */
    public static TestBlockBuilder on(ChainEntry parent, Chain chain) {
        return new TestBlockBuilder(parent, chain.bits(), chain.now());
    }

    public static TestBlockBuilder onTip(Chain chain) {
        return on(chain.tip(), chain);
    }

    public static long subsidy(int height) {
        return INITIAL_SUBSIDY >> (height / 150);
    }

    public TestBlockBuilder coinbaseHeight(int h) { this.coinbaseHeight = h; return this; }
    public TestBlockBuilder time(long t) { this.time = t; return this; }
    public TestBlockBuilder bits(int b) { this.bits = b; return this; }
    public TestBlockBuilder version(int v) { this.version = v; return this; }
    public TestBlockBuilder coinbaseValue(long v) { this.coinbaseValue = v; return this; }
    /** Leaves out the witness commitment output. */
    public TestBlockBuilder withoutCommitment() { this.commit = false; return this; }
    /** Leaves out the coinbase's witness reserved value (the commitment output stays). */
    public TestBlockBuilder withoutCoinbaseWitness() { this.coinbaseWitness = false; return this; }
    public TestBlockBuilder editCommitment(UnaryOperator<byte[]> edit) { this.commitmentEdit = edit; return this; }
    public TestBlockBuilder editCoinbase(UnaryOperator<Transaction> edit) { this.coinbaseEdit = edit; return this; }
    public TestBlockBuilder merkleRoot(byte[] root) { this.merkleRoot = root; return this; }
    /** Points the header at another parent (internal byte order); height and time still follow the builder's parent. */
    public TestBlockBuilder prevHash(byte[] hash) { this.prevHash = hash; return this; }
    /** Grinds for a hash above the target instead of below. */
    public TestBlockBuilder unsolved() { this.solve = false; return this; }
    /** Makes an otherwise identical block differ (different coinbase, so different hash). */
    public TestBlockBuilder extranonce(long n) { this.extranonce = n; return this; }

    /** Adds a transaction (with its fee, which the default coinbase value claims). */
    public TestBlockBuilder add(Transaction tx, long fee) {
        txs.add(tx);
        fees += fee;
        return this;
    }

    public TestBlockBuilder addSerialized(byte[] data, long fee) {
        return add(Transaction.parse(data), fee);
    }

    public Block build() {
        List<byte[]> wtxids = new ArrayList<>();
        for (Transaction tx : txs) {
            wtxids.add(tx.wtxid());
        }
        byte[] commitment = commit
                ? commitmentEdit.apply(WitnessCommitment.commitment(WitnessCommitment.witnessRoot(wtxids),
                        WitnessCommitment.RESERVED_VALUE))
                : null;
        CoinbaseParts parts = new CoinbaseBuilder()
                .height(coinbaseHeight)
                .tag("test".getBytes(StandardCharsets.US_ASCII))
                .extranonceLengths(4, 8)
                .addOutput(new TxOut(coinbaseValue != null ? coinbaseValue : subsidy(parent.height() + 1) + fees, PAYOUT))
                .witnessCommitment(commitment)
                .build();
        byte[] en1 = new byte[4];
        byte[] en2 = new byte[8];
        Bytes.writeInt32LE((int) extranonce, en2, 0);
        Bytes.writeInt32LE((int) (extranonce >>> 32), en2, 4);
        byte[] coinbaseBytes = coinbaseWitness ? parts.assembleWithWitness(en1, en2) : parts.assemble(en1, en2);
        Transaction coinbase = coinbaseEdit.apply(Transaction.parse(coinbaseBytes));

        List<byte[]> txids = new ArrayList<>();
        txids.add(coinbase.txid());
        List<byte[]> others = new ArrayList<>();
        for (Transaction tx : txs) {
            txids.add(tx.txid());
            others.add(tx.serialize());
        }
        byte[] root = merkleRoot != null ? merkleRoot : Merkle.root(txids);
        BlockHeader header = grind(new BlockHeader(version, prevHash != null ? prevHash : parent.hash(), root, (int) time, bits, 0));
        return Block.parse(BlockAssembler.assemble(header.serialize(), coinbase.serialize(), others));
    }

    private BlockHeader grind(BlockHeader h) {
        Target target = Target.fromBits(Integer.toUnsignedLong(h.bits()));
        for (int nonce = 0; ; nonce++) {
            BlockHeader candidate = new BlockHeader(h.version(), h.prevHash(), h.merkleRoot(), h.time(), h.bits(), nonce);
            if (target.isMetBy(candidate.hash()) == solve) {
                return candidate;
            }
        }
    }
}
