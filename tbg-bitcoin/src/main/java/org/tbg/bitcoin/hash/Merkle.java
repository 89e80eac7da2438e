package org.tbg.bitcoin.hash;

import java.util.ArrayList;
import java.util.List;

/**
 * Bitcoin merkle trees over 32-byte hashes in internal byte order. An odd level duplicates its
 * last hash, as Bitcoin does.
 */
public final class Merkle {
    private Merkle() {}

    /** The merkle root of {@code hashes} (at least one). */
    public static byte[] root(List<byte[]> hashes) {
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("merkle root of no hashes");
        }
        List<byte[]> level = new ArrayList<>(hashes);
        Sha256d sha = new Sha256d();
        while (level.size() > 1) {
            level = nextLevel(level, sha);
        }
        return level.get(0).clone();
    }

    /**
     * The branch for the first leaf (the coinbase) when the other leaves are {@code txids}: the
     * sibling hashes from the bottom up, as stratum's {@code merkle_branch} carries them.
     */
    public static List<byte[]> coinbaseBranch(List<byte[]> txids) {
        List<byte[]> branch = new ArrayList<>();
        // Level 0 is [coinbase, txids...]; the coinbase slot's value never matters for the branch.
        List<byte[]> level = new ArrayList<>(txids.size() + 1);
        level.add(new byte[32]);
        level.addAll(txids);
        Sha256d sha = new Sha256d();
        while (level.size() > 1) {
            branch.add(level.get(1).clone());
            level = nextLevel(level, sha);
        }
        return branch;
    }

    /** Folds {@code leaf} up the {@code branch} (leaf always on the left); returns a new array. */
    public static byte[] rootFromBranch(byte[] leaf, List<byte[]> branch) {
        byte[] acc = leaf.clone();
        Sha256d sha = new Sha256d();
        for (byte[] sibling : branch) {
            sha.hashPair(acc, sibling, acc);
        }
        return acc;
    }

    private static List<byte[]> nextLevel(List<byte[]> level, Sha256d sha) {
        List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
        for (int i = 0; i < level.size(); i += 2) {
            byte[] left = level.get(i);
            byte[] right = i + 1 < level.size() ? level.get(i + 1) : left;
            byte[] parent = new byte[32];
            sha.hashPair(left, right, parent);
            next.add(parent);
        }
        return next;
    }
}
