package org.tbg.pool.work;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.stratum.message.PrevHash;

/** Turns block templates into jobs. Thread-safe; the template updater is its only caller. */
public final class JobFactory {
    private static final Logger log = LoggerFactory.getLogger(JobFactory.class);

    /** Rules this pool knows how to mine; a template requiring any other ("!name") is refused. */
    private static final Set<String> KNOWN_RULES = Set.of("segwit", "csv", "taproot", "signet", "testdummy");

    private final int extranonce1Length;
    private final int extranonce2Length;
    private final double donationPercent;
    private final AtomicLong sequence = new AtomicLong();
    private final String idPrefix;
    private volatile PayoutScript donationScript;

    public JobFactory(int extranonce1Length, int extranonce2Length, double donationPercent) {
        this.extranonce1Length = extranonce1Length;
        this.extranonce2Length = extranonce2Length;
        this.donationPercent = donationPercent;
        // Job ids stay unique across restarts: seconds at start, then a counter.
        this.idPrefix = String.format("%08x", (int) (System.currentTimeMillis() / 1000));
    }

    /** The pool's own script, known once the node's network is known. */
    public void donationScript(PayoutScript script) {
        this.donationScript = script;
    }

    /** @throws UnsupportedTemplateException when the template requires a rule this pool does not know */
    public Job create(BlockTemplate t, boolean cleanJobs) throws UnsupportedTemplateException {
        for (String rule : t.rules()) {
            if (rule.startsWith("!") && !KNOWN_RULES.contains(rule.substring(1))) {
                throw new UnsupportedTemplateException("template requires unknown rule " + rule);
            }
        }
        List<byte[]> txids = new ArrayList<>(t.transactions().size());
        for (TemplateTransaction tx : t.transactions()) {
            txids.add(tx.txid());
        }
        List<byte[]> branch = Merkle.coinbaseBranch(txids);
        List<String> branchHex = new ArrayList<>(branch.size());
        for (byte[] b : branch) {
            branchHex.add(Hex.encode(b));
        }
        byte[] commitment = witnessCommitment(t);
        PayoutScript donation = donationScript;
        long donationSats = donation == null ? 0 : (long) Math.floor(t.coinbaseValue() * donationPercent / 100.0);
        CoinbaseRecipe recipe = new CoinbaseRecipe(t.height(), t.coinbaseValue(), donation, donationSats,
                extranonce1Length, extranonce2Length, commitment);
        String id = idPrefix + String.format("%08x", (int) sequence.incrementAndGet());
        return new Job(id, t, PrevHash.toStratum(t.previousBlockHash()), branch, branchHex,
                t.target(), cleanJobs, System.currentTimeMillis(), recipe);
    }

    /**
     * The same work under a new id, for one connection whose difficulty just changed: shares for
     * the old id stay judged at the old difficulty, the new id carries the new one at once instead
     * of after the next template.
     */
    public Job reissue(Job job) {
        String id = idPrefix + String.format("%08x", (int) sequence.incrementAndGet());
        return new Job(id, job.template(), job.prevHashStratum(), job.merkleBranch(), job.merkleBranchHex(),
                job.networkTarget(), false, System.currentTimeMillis(), job.recipe());
    }

    /**
     * The commitment computed from the template's wtxids, or null before segwit is active. When the
     * node offers its own ({@code default_witness_commitment}) and it differs, the node's is used and
     * the mismatch logged: the node is the authority on what it will accept.
     */
    private static byte[] witnessCommitment(BlockTemplate t) {
        // Only the rules say whether segwit is active: bcoin offers a commitment even before it is,
        // and then rejects a block carrying one ("unexpected-witness").
        if (!t.rules().contains("segwit") && !t.rules().contains("!segwit")) {
            return null;
        }
        byte[] offered = t.defaultWitnessCommitment();
        List<byte[]> wtxids = new ArrayList<>(t.transactions().size());
        for (TemplateTransaction tx : t.transactions()) {
            wtxids.add(tx.wtxid());
        }
        byte[] ours = WitnessCommitment.commitment(WitnessCommitment.witnessRoot(wtxids), WitnessCommitment.RESERVED_VALUE);
        if (offered != null) {
            byte[] offeredCommitment = Arrays.copyOfRange(offered, offered.length - 32, offered.length);
            if (!Arrays.equals(WitnessCommitment.script(ours), offered)) {
                log.error("witness commitment mismatch at height {}: node {} computed {}; using the node's",
                        t.height(), Hex.encode(offered), Hex.encode(WitnessCommitment.script(ours)));
                return offeredCommitment;
            }
        }
        return ours;
    }
}
