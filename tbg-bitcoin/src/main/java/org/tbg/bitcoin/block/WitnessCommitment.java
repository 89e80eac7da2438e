package org.tbg.bitcoin.block;

import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;

/** BIP141's commitment to the block's wtxids, carried in a coinbase output. */
public final class WitnessCommitment {
    /** The witness reserved value the coinbase witness carries: 32 zero bytes. Do not modify. */
    public static final byte[] RESERVED_VALUE = new byte[32];

    /** OP_RETURN, push 36, then the 4-byte tag aa21a9ed. */
    private static final byte[] SCRIPT_PREFIX = {0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed};

    private WitnessCommitment() {}

    /** Merkle root over the wtxids, the coinbase's slot counted as 32 zero bytes. */
    public static byte[] witnessRoot(List<byte[]> wtxidsExcludingCoinbase) {
        List<byte[]> leaves = new ArrayList<>(wtxidsExcludingCoinbase.size() + 1);
        leaves.add(new byte[32]);
        leaves.addAll(wtxidsExcludingCoinbase);
        return Merkle.root(leaves);
    }

    /** SHA-256d(witness root ‖ reserved value). */
    public static byte[] commitment(byte[] witnessRoot, byte[] reservedValue) {
        if (witnessRoot.length != 32 || reservedValue.length != 32) {
            throw new IllegalArgumentException("witness root and reserved value must be 32 bytes");
        }
        return Sha256d.of(Bytes.concat(witnessRoot, reservedValue));
    }

    /** The output script {@code 6a24aa21a9ed ‖ commitment}. */
    public static byte[] script(byte[] commitment) {
        if (commitment.length != 32) {
            throw new IllegalArgumentException("commitment must be 32 bytes, got " + commitment.length);
        }
        return Bytes.concat(SCRIPT_PREFIX, commitment);
    }

    /** True when {@code script} is a witness commitment output script (38+ bytes with the tag). */
    public static boolean isCommitmentScript(byte[] script) {
        if (script.length < SCRIPT_PREFIX.length + 32) {
            return false;
        }
        for (int i = 0; i < SCRIPT_PREFIX.length; i++) {
            if (script[i] != SCRIPT_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }
}
