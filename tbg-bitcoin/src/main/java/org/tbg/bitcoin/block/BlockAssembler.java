package org.tbg.bitcoin.block;

import java.util.List;
import org.tbg.bitcoin.encoding.ByteWriter;

/** A serialized block: header ‖ CompactSize(tx count) ‖ coinbase ‖ the other transactions, as submitblock takes it. */
public final class BlockAssembler {
    private BlockAssembler() {}

    /** {@code coinbaseTx} and {@code otherTxs} are serialized transactions, with witness where they have one. */
    public static byte[] assemble(byte[] header80, byte[] coinbaseTx, List<byte[]> otherTxs) {
        if (header80.length != BlockHeader.SIZE) {
            throw new IllegalArgumentException("a block header is 80 bytes, got " + header80.length);
        }
        int size = header80.length + 9 + coinbaseTx.length;
        for (byte[] tx : otherTxs) {
            size += tx.length;
        }
        ByteWriter w = new ByteWriter(size);
        w.writeBytes(header80).writeCompactSize(1L + otherTxs.size()).writeBytes(coinbaseTx);
        for (byte[] tx : otherTxs) {
            w.writeBytes(tx);
        }
        return w.toByteArray();
    }
}
