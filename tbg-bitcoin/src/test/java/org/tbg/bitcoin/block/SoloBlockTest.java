package org.tbg.bitcoin.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.VerificationException;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.coinbase.CoinbaseBuilder;
import org.tbg.bitcoin.coinbase.CoinbaseParts;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.target.Target;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxOut;

/**
 * The whole path a found block takes (coinbase parts → merkle branch → header → block), carrying
 * real segwit transactions from Core's regtest block 103, verified by bitcoinj: proof of work,
 * merkle root, BIP34 height, coinbase size, witness commitment.
 */
class SoloBlockTest {
    private static final byte[] PAYOUT = Hex.decode("0014751e76e8199196d454941c45d1b3a323f1433bd6");
    private static final byte[] EN1 = Hex.decode("deadbeef");
    private static final byte[] EN2 = Hex.decode("0000000000000001");
    private static final int REGTEST_BITS = 0x207fffff;
    private static final int HEIGHT = 104;

    private static BlockHeader parentHeader;
    private static List<Transaction> templateTxs;

    @BeforeAll
    static void loadCoreBlock() throws IOException {
        Context.propagate(new Context(RegTestParams.get())); // bitcoinj's block checks read it
        byte[] block;
        try (InputStream in = SoloBlockTest.class.getResourceAsStream("/vectors/regtest-block-103.hex")) {
            block = Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
        ByteReader r = new ByteReader(block);
        parentHeader = BlockHeader.parse(r.readBytes(BlockHeader.SIZE));
        long count = r.readCompactSize();
        Transaction.read(r); // its coinbase
        templateTxs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            templateTxs.add(Transaction.read(r));
        }
    }

    @Test
    void bitcoinjAcceptsTheAssembledBlock() throws Exception {
        byte[] commitment = WitnessCommitment.commitment(
                WitnessCommitment.witnessRoot(templateTxs.stream().map(Transaction::wtxid).toList()),
                WitnessCommitment.RESERVED_VALUE);
        Mined mined = mine(commitment);
        Block block = RegTestParams.get().getDefaultSerializer().makeBlock(mined.bytes);

        assertThat(block.getHash().getReversedBytes()).isEqualTo(mined.header.hash());
        assertThat(block.getMerkleRoot().getReversedBytes()).isEqualTo(mined.header.merkleRoot());
        assertThat(block.getTransactions()).hasSize(1 + templateTxs.size());
        assertThat(block.getWitnessRoot().getReversedBytes())
                .isEqualTo(WitnessCommitment.witnessRoot(templateTxs.stream().map(Transaction::wtxid).toList()));
        // Proof of work, merkle root, coinbase first, BIP34 height, transaction sanity (coinbase 2–100 bytes).
        block.verify(HEIGHT, EnumSet.of(Block.VerifyFlag.HEIGHT_IN_COINBASE));
        checkWitnessRoot(block);
    }

    @Test
    void aWrongCommitmentIsCaught() throws Exception {
        // Commit to the wtxids without the last transaction: bitcoinj must refuse the block.
        List<byte[]> missingOne = templateTxs.subList(0, templateTxs.size() - 1).stream().map(Transaction::wtxid).toList();
        byte[] wrong = WitnessCommitment.commitment(WitnessCommitment.witnessRoot(missingOne), WitnessCommitment.RESERVED_VALUE);
        Block block = RegTestParams.get().getDefaultSerializer().makeBlock(mine(wrong).bytes);
        assertThatThrownBy(() -> checkWitnessRoot(block)).isInstanceOf(VerificationException.class);
    }

    @Test
    void branchAndFullTreeAgree() {
        List<byte[]> txids = templateTxs.stream().map(Transaction::txid).toList();
        byte[] coinbaseTxid = Hex.decode("7c09b2f4262e734891aceb23ccb2adb25938963c8fb2cf8361bfc387dbf15bd4");
        List<byte[]> all = new ArrayList<>();
        all.add(coinbaseTxid);
        all.addAll(txids);
        assertThat(Merkle.rootFromBranch(coinbaseTxid, Merkle.coinbaseBranch(txids))).isEqualTo(Merkle.root(all));
    }

    private record Mined(BlockHeader header, byte[] bytes) {}

    private static Mined mine(byte[] commitment) {
        CoinbaseParts parts = new CoinbaseBuilder().height(HEIGHT).tag("/tbg/".getBytes(StandardCharsets.US_ASCII))
                .extranonceLengths(EN1.length, EN2.length)
                .addOutput(new TxOut(5_000_000_000L, PAYOUT))
                .witnessCommitment(commitment)
                .build();
        List<byte[]> branch = Merkle.coinbaseBranch(templateTxs.stream().map(Transaction::txid).toList());
        byte[] merkleRoot = Merkle.rootFromBranch(parts.txid(EN1, EN2), branch);
        Target target = Target.fromBits(REGTEST_BITS);
        BlockHeader header = null;
        for (int nonce = 0; header == null || !target.isMetBy(header.hash()); nonce++) {
            header = new BlockHeader(0x20000000, parentHeader.hash(), merkleRoot, parentHeader.time() + 1,
                    REGTEST_BITS, nonce);
        }
        byte[] bytes = BlockAssembler.assemble(header.serialize(), parts.assembleWithWitness(EN1, EN2),
                templateTxs.stream().map(Transaction::serialize).toList());
        return new Mined(header, bytes);
    }

    /** bitcoinj's witness-commitment check is package-private; {@code verify} does not run it. */
    private static void checkWitnessRoot(Block block) throws Exception {
        Method check = Block.class.getDeclaredMethod("checkWitnessRoot");
        check.setAccessible(true);
        try {
            check.invoke(block);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
