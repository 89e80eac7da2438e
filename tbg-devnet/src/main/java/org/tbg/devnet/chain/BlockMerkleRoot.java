package org.tbg.devnet.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;

/**
 * A block's merkle root with Core's mutation flag: a level holding two identical siblings means
 * the same root can be had from a different transaction list (CVE-2012-2459), which Core rejects
 * as {@code bad-txns-duplicate}.
 *
 * @param root    internal byte order
 * @param mutated true when some pair of siblings was identical
 */
public record BlockMerkleRoot(byte[] root, boolean mutated) {

    /** @param leaves txids (or wtxids), internal byte order, at least one */
    public static BlockMerkleRoot of(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("merkle root of no leaves");
        }
        List<byte[]> level = new ArrayList<>(leaves);
        boolean mutated = false;
        Sha256d sha = new Sha256d();
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] left = level.get(i);
                byte[] right;
                if (i + 1 < level.size()) {
                    right = level.get(i + 1);
                    mutated |= Arrays.equals(left, right);
                } else {
                    right = left; // an odd level pairs its last hash with itself; that is not a mutation
                }
                byte[] parent = new byte[32];
                sha.hashPair(left, right, parent);
                next.add(parent);
            }
            level = next;
        }
        return new BlockMerkleRoot(level.get(0).clone(), mutated);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockMerkleRoot m && m.mutated == mutated && Arrays.equals(m.root, root);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(root);
    }

    @Override
    public String toString() {
        return "BlockMerkleRoot[" + Hex.encode(Bytes.reversed(root))
                + ", mutated=" + mutated + "]";
    }
}
