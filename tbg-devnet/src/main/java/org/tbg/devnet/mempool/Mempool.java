package org.tbg.devnet.mempool;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.chain.KnownTransactions;
import org.tbg.devnet.chain.TipListener;

/**
 * The devnet's unconfirmed transactions: synthetic ones, kept at a target count. When a block
 * connects, the transactions it confirmed leave and new ones top the pool up again, so every
 * template offers about the same load.
 *
 * <p>Thread-safety: every method synchronizes on this mempool. The chain calls in (as
 * {@link KnownTransactions} and {@link TipListener}) with its own lock held; the mempool never
 * calls the chain, so the lock order is always chain, then mempool.
 */
public final class Mempool implements KnownTransactions, TipListener {
    /** Orders a template's transactions: highest fee rate first, as a miner maximizing fees would. */
    private static final Comparator<MempoolEntry> BY_FEE_RATE =
            Comparator.comparingDouble(MempoolEntry::feeRate).reversed();

    private final int targetSize;
    private final SyntheticTransactionFactory factory;
    /** By txid (internal order, wrapped for content equality), in arrival order. */
    private final Map<ByteBuffer, MempoolEntry> entries = new LinkedHashMap<>();
    /** Counts changes, for getblocktemplate's longpollid. */
    private long updates;

    /**
     * @param targetSize how many synthetic transactions to hold (0 for none)
     * @param factory    where they come from
     */
    public Mempool(int targetSize, SyntheticTransactionFactory factory) {
        if (targetSize < 0) {
            throw new IllegalArgumentException("mempool size must be >= 0, got " + targetSize);
        }
        this.targetSize = targetSize;
        this.factory = factory;
        refill();
    }

    @Override
    public synchronized OptionalLong feeOf(byte[] txid) {
        MempoolEntry e = entries.get(ByteBuffer.wrap(txid));
        return e == null ? OptionalLong.empty() : OptionalLong.of(e.fee());
    }

    /** Removes what the new tip confirmed, then tops the pool up to its target size. */
    @Override
    public synchronized void tipChanged(ChainEntry tip) {
        List<byte[]> txids = tip.block().txids();
        for (int i = 1; i < txids.size(); i++) {
            entries.remove(ByteBuffer.wrap(txids.get(i)));
        }
        updates++;
        refill();
    }

    /** The transactions by descending fee rate. */
    public synchronized List<MempoolEntry> byFeeRate() {
        List<MempoolEntry> list = new ArrayList<>(entries.values());
        list.sort(BY_FEE_RATE);
        return list;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Grows with every change; a template's longpollid carries it. */
    public synchronized long updates() {
        return updates;
    }

    public int targetSize() {
        return targetSize;
    }

    private void refill() {
        while (entries.size() < targetSize) {
            MempoolEntry e = factory.next();
            entries.put(ByteBuffer.wrap(e.txid()), e);
        }
    }
}
