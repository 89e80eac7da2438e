package org.tbg.bench;

import java.nio.charset.StandardCharsets;
import org.tbg.bitcoin.address.AddressDecoder;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.pool.session.ExtranonceAllocator;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.session.WorkerName;
import org.tbg.pool.share.ShareResult;
import org.tbg.pool.share.ShareValidator;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.JobFactory;
import org.tbg.pool.work.WorkManager;
import org.tbg.stratum.codec.StratumRequestDecoder;
import org.tbg.stratum.message.ClientLine;
import org.tbg.stratum.message.StratumRequest;

/**
 * What one share check touches, set up through the engine's own API as the pool sets it up for a
 * miner: a published job on a full-sized template, and a subscribed, authorized session that was
 * sent that job at a difficulty every hash meets. Thread rule: one per benchmark thread, as a
 * session belongs to one event loop.
 */
final class ShareCheckFixture {
    /** With the coinbase, 4096 leaves: the deepest branch a block of today's size needs. */
    static final int TRANSACTIONS = 4095;
    static final int BRANCH_DEPTH = 12;
    /** Far below any real share difficulty, so every share is accepted and the whole path runs. */
    static final double SHARE_DIFFICULTY = 1e-12;
    /** The config defaults ({@code nonce1length} / {@code nonce2length}). */
    static final int EXTRANONCE1_LENGTH = 4;
    static final int EXTRANONCE2_LENGTH = 8;
    static final String EXTRANONCE2 = "00000000000000b7";
    /** BIP173's P2WPKH example address. */
    static final String ADDRESS = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
    static final String WORKER = ADDRESS + ".bench";
    private static final byte[] POOL_TAG = "/TheBitcoinGame/".getBytes(StandardCharsets.US_ASCII);

    private final Job job;
    private final Session session;
    private final ShareValidator validator;

    private ShareCheckFixture(Job job, Session session, ShareValidator validator) {
        this.job = job;
        this.session = session;
        this.validator = validator;
    }

    static ShareCheckFixture create(long seed) throws Exception {
        WorkManager work = new WorkManager();
        JobFactory jobs = new JobFactory(EXTRANONCE1_LENGTH, EXTRANONCE2_LENGTH, 0);
        Job job = jobs.create(SyntheticTemplate.create(900_000, SyntheticTemplate.MAINNET_SIZED_BITS, TRANSACTIONS, seed), true);
        work.publish(job);
        if (job.merkleBranch().size() != BRANCH_DEPTH) {
            throw new IllegalStateException("merkle branch is " + job.merkleBranch().size() + " deep, expected " + BRANCH_DEPTH);
        }

        long now = System.currentTimeMillis();
        PayoutScript payout = AddressDecoder.decode(ADDRESS, Network.MAIN);
        Session session = new Session(1, "127.0.0.1", now, 1);
        session.subscribe(new ExtranonceAllocator(EXTRANONCE1_LENGTH).allocate(null, now), "cgminer/4.12.1");
        session.authorize(new Worker(WORKER, WorkerName.parse(WORKER), payout), POOL_TAG);
        session.nextDifficulty(SHARE_DIFFICULTY);
        session.issue(job.id(), true);
        return new ShareCheckFixture(job, session, new ShareValidator(work, EXTRANONCE2_LENGTH));
    }

    Job job() { return job; }
    Session session() { return session; }
    ShareValidator validator() { return validator; }

    /** {@code count} submits for this fixture's job, one per nonce. */
    byte[][] submitLines(int count) {
        return SubmitLines.generate(WORKER, job.id(), EXTRANONCE2, job.ntimeHex(), count);
    }

    /**
     * The session starts a new block interval: clean work clears its memory of submitted shares,
     * so lines cycled after this are fresh shares again, as after a new block in the pool.
     */
    void cleanWork() {
        session.issue(job.id(), true);
    }

    /**
     * Throws unless every line decodes to a {@code mining.submit} the validator accepts and none is a
     * block; then starts a new block interval so the lines are fresh for the benchmark.
     */
    void requireAllAccepted(byte[][] lines) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < lines.length; i++) {
            ClientLine decoded = StratumRequestDecoder.decode(lines[i], 0, lines[i].length);
            if (!(decoded instanceof StratumRequest req) || !req.method().equals("mining.submit")) {
                throw new IllegalStateException("line " + i + " is not a mining.submit: " + decoded);
            }
            ShareResult r = validator.validate(session, req.params(), now);
            if (!r.accepted() || r.block() != null) {
                throw new IllegalStateException("line " + i + " was not a plain accepted share: "
                        + (r.accepted() ? "a block" : r.reason()));
            }
        }
        cleanWork();
    }
}
