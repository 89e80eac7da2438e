package org.tbg.bitcoin.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

class MerkleTest {
    /** Mainnet block 100000's transactions, coinbase first; its header's merkle root is f3e94742…5766. */
    private static final List<byte[]> BLOCK_100000_TXIDS = Stream.of(
            "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
            "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
            "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
            "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d")
            .map(MerkleTest::internal).toList();
    private static final String BLOCK_100000_ROOT = "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766";

    @Test
    void rootOfBlock100000() {
        assertThat(display(Merkle.root(BLOCK_100000_TXIDS))).isEqualTo(BLOCK_100000_ROOT);
    }

    @Test
    void coinbaseBranchOfBlock100000FoldsToTheSameRoot() {
        List<byte[]> branch = Merkle.coinbaseBranch(BLOCK_100000_TXIDS.subList(1, 4));
        assertThat(branch).hasSize(2);
        // The first sibling is the second transaction itself.
        assertThat(branch.get(0)).isEqualTo(BLOCK_100000_TXIDS.get(1));
        assertThat(display(Merkle.rootFromBranch(BLOCK_100000_TXIDS.get(0), branch))).isEqualTo(BLOCK_100000_ROOT);
    }

    @Test
    void singleTransactionRootIsItsTxid() {
        // Genesis block: one transaction whose txid is the merkle root.
        byte[] genesisCoinbase = internal("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        assertThat(Merkle.root(List.of(genesisCoinbase))).isEqualTo(genesisCoinbase);
        assertThat(Merkle.coinbaseBranch(List.of())).isEmpty();
    }

    private static byte[] internal(String displayHex) {
        return Bytes.reversed(Hex.decode(displayHex));
    }

    private static String display(byte[] hash) {
        return Hex.encode(Bytes.reversed(hash));
    }
}
