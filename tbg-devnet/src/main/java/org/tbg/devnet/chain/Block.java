package org.tbg.devnet.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.encoding.ByteReader;
import org.tbg.bitcoin.encoding.ByteWriter;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.tx.Transaction;

/**
 * A decoded block: its header, its transactions and the sizes consensus limits. Immutable; the
 * transaction ids are computed once, at decoding.
 */
public final class Block {
    /** Smallest possible serialized transaction (version, two empty counts, lock time): bounds the count. */
    private static final int MIN_TX_SIZE = 10;

    private final BlockHeader header;
    private final byte[] hash;
    private final List<Transaction> transactions;
    private final List<byte[]> txids;
    private final List<byte[]> wtxids;
    private final byte[] serialized;
    private final int strippedSize;

    private Block(BlockHeader header, List<Transaction> transactions, byte[] serialized) {
        this.header = header;
        this.hash = header.hash();
        this.transactions = List.copyOf(transactions);
        this.serialized = serialized;
        List<byte[]> ids = new ArrayList<>(transactions.size());
        List<byte[]> wids = new ArrayList<>(transactions.size());
        int stripped = BlockHeader.SIZE + ByteWriter.compactSizeLength(transactions.size());
        for (Transaction tx : transactions) {
            byte[] legacy = tx.serializeWithoutWitness();
            stripped += legacy.length;
            byte[] txid = Sha256d.of(legacy);
            ids.add(txid);
            wids.add(tx.hasWitness() ? tx.wtxid() : txid);
        }
        this.txids = Collections.unmodifiableList(ids);
        this.wtxids = Collections.unmodifiableList(wids);
        this.strippedSize = stripped;
    }

    /**
     * Decodes a block as Core's {@code DecodeHexBlk} does: bytes after the last transaction are
     * ignored (Core stops reading there too).
     *
     * @throws IllegalArgumentException when the bytes are not a block
     */
    public static Block parse(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        BlockHeader header = BlockHeader.parse(r.readBytes(BlockHeader.SIZE));
        long count = r.readCompactSize();
        if (count < 0 || count > r.remaining() / MIN_TX_SIZE) {
            throw new IllegalArgumentException("transaction count " + Long.toUnsignedString(count)
                    + " exceeds the remaining " + r.remaining() + " bytes");
        }
        List<Transaction> txs = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            txs.add(Transaction.read(r));
        }
        byte[] used = Arrays.copyOf(bytes, r.position());
        return new Block(header, txs, used);
    }

    /** A block from its parts, serialized with witnesses where transactions have them. */
    public static Block of(BlockHeader header, List<Transaction> transactions) {
        ByteWriter w = new ByteWriter(1024);
        w.writeBytes(header.serialize()).writeCompactSize(transactions.size());
        for (Transaction tx : transactions) {
            w.writeBytes(tx.serialize());
        }
        return new Block(header, transactions, w.toByteArray());
    }

    public BlockHeader header() {
        return header;
    }

    /** Internal byte order. */
    public byte[] hash() {
        return hash.clone();
    }

    /** Display (RPC) order hex of the hash. */
    public String hashHex() {
        return Hex.encode(Bytes.reversed(hash));
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    /** Internal byte order, in block order; do not modify the arrays. */
    public List<byte[]> txids() {
        return txids;
    }

    /** Internal byte order, in block order (the coinbase's real wtxid included); do not modify the arrays. */
    public List<byte[]> wtxids() {
        return wtxids;
    }

    /** The block as serialized, with witness data. */
    public byte[] serialize() {
        return serialized.clone();
    }

    public int size() {
        return serialized.length;
    }

    /** Size without witness data. */
    public int strippedSize() {
        return strippedSize;
    }

    /** BIP141 weight: stripped size × 3 + total size. */
    public long weight() {
        return (long) strippedSize * (ConsensusLimits.WITNESS_SCALE_FACTOR - 1) + serialized.length;
    }

    public boolean hasWitness() {
        for (Transaction tx : transactions) {
            if (tx.hasWitness()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Block[" + hashHex() + ", txs=" + transactions.size() + ", size=" + serialized.length + "]";
    }
}
