package org.tbg.devnet.mining;

import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.target.Target;

/** Searches the nonce space of a header on the calling thread, for the devnet's own block generation. */
public final class HeaderGrinder {
    private static final int NONCE_OFFSET = 76;
    private static final long NONCE_SPACE = 1L << 32;

    private HeaderGrinder() {}

    /**
     * Tries nonces from the header's own upwards until the hash meets {@code target}.
     *
     * @param maxTries at most this many hashes
     * @return the solved header, or null when neither the tries nor the nonce space sufficed
     */
    public static BlockHeader grind(BlockHeader header, Target target, long maxTries) {
        byte[] buf = header.serialize();
        byte[] hash = new byte[32];
        Sha256d sha = new Sha256d();
        long start = Integer.toUnsignedLong(header.nonce());
        long end = maxTries >= NONCE_SPACE - start ? NONCE_SPACE : start + Math.max(0, maxTries);
        for (long nonce = start; nonce < end; nonce++) {
            Bytes.writeInt32LE((int) nonce, buf, NONCE_OFFSET);
            sha.hash(buf, 0, BlockHeader.SIZE, hash, 0);
            if (target.isMetBy(hash)) {
                return BlockHeader.parse(buf);
            }
        }
        return null;
    }
}
