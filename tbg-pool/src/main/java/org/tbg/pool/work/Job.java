package org.tbg.pool.work;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.target.Target;

/**
 * One unit of work sent with {@code mining.notify}: a block template plus everything derived from
 * it once. Immutable apart from the coinbase cache, which is concurrent (one coinbase per payout,
 * built on first use by whichever event loop asks).
 */
public final class Job {
    private final String id;
    private final BlockTemplate template;
    private final String prevHashStratum;
    private final List<byte[]> merkleBranch;
    private final List<String> merkleBranchHex;
    private final String versionHex;
    private final String bitsHex;
    private final String ntimeHex;
    private final Target networkTarget;
    private final double networkDifficulty;
    private final boolean cleanJobs;
    private final long createdMillis;
    private final CoinbaseRecipe recipe;
    private final ConcurrentHashMap<PayoutKey, CoinbaseWork> coinbases = new ConcurrentHashMap<>();

    Job(String id, BlockTemplate template, String prevHashStratum, List<byte[]> merkleBranch,
        List<String> merkleBranchHex, Target networkTarget, boolean cleanJobs, long createdMillis,
        CoinbaseRecipe recipe) {
        this.id = id;
        this.template = template;
        this.prevHashStratum = prevHashStratum;
        this.merkleBranch = List.copyOf(merkleBranch);
        this.merkleBranchHex = List.copyOf(merkleBranchHex);
        this.versionHex = String.format("%08x", template.version());
        this.bitsHex = String.format("%08x", template.bits());
        this.ntimeHex = String.format("%08x", template.curTime());
        this.networkTarget = networkTarget;
        this.networkDifficulty = networkTarget.difficulty();
        this.cleanJobs = cleanJobs;
        this.createdMillis = createdMillis;
        this.recipe = recipe;
    }

    /** The coinbase for {@code key}, built once per job. */
    public CoinbaseWork coinbaseFor(PayoutKey key) {
        CoinbaseWork w = coinbases.get(key);
        return w != null ? w : coinbases.computeIfAbsent(key, recipe::build);
    }

    public String id() { return id; }
    public BlockTemplate template() { return template; }
    public long height() { return template.height(); }
    public byte[] prevHash() { return template.previousBlockHash(); }
    public String prevHashStratum() { return prevHashStratum; }
    public List<byte[]> merkleBranch() { return merkleBranch; }
    public List<String> merkleBranchHex() { return merkleBranchHex; }
    public int version() { return template.version(); }
    public String versionHex() { return versionHex; }
    public int bits() { return (int) template.bits(); }
    public String bitsHex() { return bitsHex; }
    public int ntime() { return (int) template.curTime(); }
    public String ntimeHex() { return ntimeHex; }
    public long minTime() { return template.minTime(); }
    public Target networkTarget() { return networkTarget; }
    public double networkDifficulty() { return networkDifficulty; }
    public boolean cleanJobs() { return cleanJobs; }
    public long createdMillis() { return createdMillis; }
    public CoinbaseRecipe recipe() { return recipe; }

    @Override
    public String toString() {
        return "job " + id + " height " + height();
    }
}
