package org.tbg.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;

class BlockMerkleRootTest {
    @Test
    void rootAgreesWithTheSharedMerkleCode() {
        for (int n = 1; n <= 9; n++) {
            List<byte[]> leaves = leaves(n);
            BlockMerkleRoot r = BlockMerkleRoot.of(leaves);
            assertThat(r.root()).as("%d leaves", n).isEqualTo(Merkle.root(leaves));
            assertThat(r.mutated()).as("%d distinct leaves", n).isFalse();
        }
    }

    @Test
    void duplicatedLastPairIsAMutationWithTheSameRoot() {
        // CVE-2012-2459: [a, b, c] and [a, b, c, c] share a root; only the second is flagged.
        List<byte[]> three = leaves(3);
        List<byte[]> four = new ArrayList<>(three);
        four.add(three.get(2));
        assertThat(BlockMerkleRoot.of(four).root()).isEqualTo(BlockMerkleRoot.of(three).root());
        assertThat(BlockMerkleRoot.of(three).mutated()).isFalse();
        assertThat(BlockMerkleRoot.of(four).mutated()).isTrue();
    }

    @Test
    void identicalSiblingsHigherUpAreAMutationToo() {
        // [a, b, a, b]: the second level holds two equal hashes.
        List<byte[]> two = leaves(2);
        List<byte[]> four = new ArrayList<>(two);
        four.addAll(two);
        assertThat(BlockMerkleRoot.of(four).mutated()).isTrue();
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sha256d.of(new byte[] {(byte) i}));
        }
        return out;
    }
}
