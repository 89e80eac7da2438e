package org.tbg.bitcoin.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.script.ScriptNumber;
import org.tbg.bitcoin.tx.Transaction;

/**
 * A block mined by Bitcoin Core with segwit transactions in it: regtest height 103 of
 * test/functional/data/rpc_getblockstats.json, whose "stats" give its hash
 * 4ac7022a…ccc0, 4 transactions, 2 of them segwit, 681 bytes excluding the coinbase.
 */
class CoreRegtestBlockTest {
    private static byte[] block;
    private static BlockHeader header;
    private static List<Transaction> txs;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = CoreRegtestBlockTest.class.getResourceAsStream("/vectors/regtest-block-103.hex")) {
            block = Hex.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
        header = BlockHeader.parse(Arrays.copyOf(block, BlockHeader.SIZE));
        ByteReader r = new ByteReader(block);
        r.readBytes(BlockHeader.SIZE);
        long count = r.readCompactSize();
        txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            txs.add(Transaction.read(r));
        }
        assertThat(r.remaining()).isZero();
    }

    @Test
    void headerHashIsThePublishedBlockHash() {
        assertThat(Hex.encode(Bytes.reversed(header.hash())))
                .isEqualTo("4ac7022a3f15b93d437c1e22b8ab5e0c8c4dd7352a35dd0de4a39c33d2efccc0");
    }

    @Test
    void transactionsMatchThePublishedStats() {
        assertThat(txs).hasSize(4);
        assertThat(txs.get(0).isCoinbase()).isTrue();
        List<Transaction> others = txs.subList(1, 4);
        assertThat(others.stream().filter(Transaction::hasWitness)).hasSize(2);
        assertThat(others.stream().mapToInt(t -> t.serialize().length).sum()).isEqualTo(681);
    }

    @Test
    void txidsFoldToTheHeaderMerkleRoot() {
        List<byte[]> txids = txs.stream().map(Transaction::txid).toList();
        assertThat(Merkle.root(txids)).isEqualTo(header.merkleRoot());
        List<byte[]> branch = Merkle.coinbaseBranch(txids.subList(1, txids.size()));
        assertThat(Merkle.rootFromBranch(txids.get(0), branch)).isEqualTo(header.merkleRoot());
    }

    @Test
    void wtxidsMatchTheCoinbaseWitnessCommitment() {
        Transaction coinbase = txs.get(0);
        List<byte[]> wtxids = txs.subList(1, txs.size()).stream().map(Transaction::wtxid).toList();
        byte[] reserved = coinbase.inputs().get(0).witness().get(0);
        assertThat(reserved).isEqualTo(WitnessCommitment.RESERVED_VALUE);
        byte[] commitment = WitnessCommitment.commitment(WitnessCommitment.witnessRoot(wtxids), reserved);
        byte[] lastOutput = coinbase.outputs().get(coinbase.outputs().size() - 1).script();
        assertThat(WitnessCommitment.isCommitmentScript(lastOutput)).isTrue();
        assertThat(WitnessCommitment.script(commitment)).isEqualTo(lastOutput);
    }

    @Test
    void coinbaseStartsWithCoresHeightPush() {
        byte[] scriptSig = txs.get(0).inputs().get(0).scriptSig();
        byte[] height = ScriptNumber.bip34HeightPush(103);
        assertThat(Arrays.copyOf(scriptSig, height.length)).isEqualTo(height);
    }

    @Test
    void reassemblesByteForByte() {
        List<byte[]> others = txs.subList(1, txs.size()).stream().map(Transaction::serialize).toList();
        byte[] rebuilt = BlockAssembler.assemble(header.serialize(), txs.get(0).serialize(), others);
        assertThat(rebuilt).isEqualTo(block);
    }
}
